internal import CLibXML2

/// The extractor's only doorway to libxml2's parsers: one-time initialisation, silenced error
/// output, and the parse options. Every parse owns its own context and document, so calls from
/// several threads at once are safe.
enum LibXML2 {
    /// Result of a failed XML parse.
    struct SyntaxError: Error {
        var line: Int
        var message: String
    }

    /// Recover from any tag soup; never touch the network; report nothing; trust our UTF-8.
    /// `XML_PARSE_HUGE` lifts the nesting limit of 256, at which libxml2 would otherwise stop and
    /// silently drop the rest of a deeply nested page. It is not used for XML, where it would also
    /// switch off the protection against entity expansion bombs; the HTML parser reads no DTDs.
    private static let htmlOptions = Int32(bitPattern:
        HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue
            | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_COMPACT.rawValue | HTML_PARSE_IGNORE_ENC.rawValue
            | XML_PARSE_HUGE.rawValue)

    /// No network, no entity substitution, no DTD loading (so no external entities), no reports,
    /// CDATA as plain text, and our UTF-8 trusted over the XML declaration.
    private static let xmlOptions = Int32(bitPattern:
        XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue
            | XML_PARSE_NOCDATA.rawValue | XML_PARSE_COMPACT.rawValue | XML_PARSE_IGNORE_ENC.rawValue)

    /// Parses UTF-8 HTML. The caller frees the document with `xmlFreeDoc`.
    static func parseHTML(_ utf8: [UInt8]) -> xmlDocPtr? {
        prepareThread()
        return utf8.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                htmlReadMemory(chars.baseAddress, Int32(chars.count), nil, "UTF-8", htmlOptions)
            }
        }
    }

    /// Parses UTF-8 XML, requiring well-formedness. The caller frees the document with `xmlFreeDoc`.
    /// A failure reports the first error (libxml2 goes on after it and keeps only the last one,
    /// typically a vague "Premature end of data").
    static func parseXML(_ utf8: [UInt8]) -> Result<xmlDocPtr, SyntaxError> {
        prepareThread()
        guard let context = xmlNewParserCtxt() else {
            return .failure(SyntaxError(line: 0, message: "out of memory"))
        }
        defer { xmlFreeParserCtxt(context) }
        var firstError: SyntaxError?
        let document = withUnsafeMutablePointer(to: &firstError) { slot in
            xmlSetStructuredErrorFunc(slot, recordFirstError)
            defer { xmlSetStructuredErrorFunc(nil) { _, _ in } }
            return utf8.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) { chars in
                    xmlCtxtReadMemory(context, chars.baseAddress, Int32(chars.count), nil, "UTF-8", xmlOptions)
                }
            }
        }
        if let document, context.pointee.wellFormed != 0 { return .success(document) }
        xmlFreeDoc(document)
        return .failure(firstError ?? SyntaxError(line: 0, message: "not well-formed"))
    }

    /// Structured error handler whose context points at a `SyntaxError?` to fill once.
    private static let recordFirstError: xmlStructuredErrorFunc = { context, error in
        guard let slot = context?.assumingMemoryBound(to: SyntaxError?.self), slot.pointee == nil,
              let error, error.pointee.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
        let message = error.pointee.message.map { String(cString: $0).trimmingASCIIWhitespace() } ?? "not well-formed"
        slot.pointee = SyntaxError(line: Int(error.pointee.line), message: message)
    }

    /// Initialises libxml2 once per process and silences its error output on the calling thread
    /// (libxml2 keeps error handlers per thread, so this runs before every parse).
    private static func prepareThread() {
        _ = initialized
        xmlSetStructuredErrorFunc(nil) { _, _ in }
        // The generic handler is variadic in C, which Swift cannot declare; a function that
        // ignores all its arguments is safe to call through the variadic pointer type.
        let ignore: @convention(c) (UnsafeMutableRawPointer?, UnsafePointer<CChar>?) -> Void = { _, _ in }
        xmlSetGenericErrorFunc(nil, unsafeBitCast(ignore, to: OpaquePointer.self))
    }

    /// `xmlInitParser` is not safe to race with itself; a global constant's initialiser runs exactly once.
    private static let initialized: Bool = {
        xmlInitParser()
        // Belt and braces: even if some input managed to reference an external entity or DTD, load nothing.
        xmlSetExternalEntityLoader { _, _, _ in nil }
        return true
    }()
}
