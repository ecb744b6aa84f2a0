/// "1.4 MB", "812 KB", "96 B" (decimal units, as `ls -h --si` and the issue figures use).
func formatBytes(_ n: Int) -> String {
    let units = ["B", "KB", "MB", "GB", "TB"]
    var value = Double(n)
    var unit = 0
    while value >= 1000 && unit < units.count - 1 {
        value /= 1000
        unit += 1
    }
    if unit == 0 { return "\(n) B" }
    let rounded = (value * 10).rounded() / 10
    return "\(rounded) \(units[unit])"
}

/// `x` with exactly `digits` decimals, as printf's `%.Nf` writes it ("0.11", "2.50").
func fixed(_ x: Double, digits: Int) -> String {
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    let n = Int((abs(x) * scale).rounded())
    let s = String(n)
    let padded = String(repeating: "0", count: max(0, digits + 1 - s.count)) + s
    let cut = padded.index(padded.endIndex, offsetBy: -digits)
    return (x < 0 && n != 0 ? "-" : "") + padded[..<cut] + (digits > 0 ? "." + padded[cut...] : "")
}
