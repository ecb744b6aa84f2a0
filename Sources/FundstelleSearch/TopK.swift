extension Array {
    /// Puts the first `k` elements in `areInIncreasingOrder` order at the front, sorted; the
    /// rest follow in no particular order. O(n log k) with a bounded heap of the best `k`
    /// (the worst of them on top), instead of sorting all n: a query's page needs its best
    /// few of many thousand matches.
    mutating func sortPrefix(_ k: Int, by areInIncreasingOrder: (Element, Element) -> Bool) {
        guard k < count / 2 else { sort(by: areInIncreasingOrder); return }
        guard k > 0 else { return }
        // A max-heap by order (the element that sorts last on top) of the best k seen so far.
        var heap = Array(self[..<k])
        func siftDown(_ start: Int) {
            var i = start
            while true {
                let l = 2 * i + 1, r = l + 1
                var worst = i
                if l < heap.count, areInIncreasingOrder(heap[worst], heap[l]) { worst = l }
                if r < heap.count, areInIncreasingOrder(heap[worst], heap[r]) { worst = r }
                if worst == i { return }
                heap.swapAt(i, worst)
                i = worst
            }
        }
        for i in stride(from: k / 2 - 1, through: 0, by: -1) { siftDown(i) }
        var rest: [Element] = []
        rest.reserveCapacity(count - k)
        for element in self[k...] {
            if areInIncreasingOrder(element, heap[0]) {
                rest.append(heap[0])
                heap[0] = element
                siftDown(0)
            } else {
                rest.append(element)
            }
        }
        heap.sort(by: areInIncreasingOrder)
        self = heap + rest
    }
}
