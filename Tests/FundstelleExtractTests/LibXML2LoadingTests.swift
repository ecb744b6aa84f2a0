import Testing
@testable import FundstelleExtract

/// libxml2 is opened on first use, not linked (see LibXML2.swift).
@Suite struct LibXML2LoadingTests {
    @Test func theLibraryLoadsAndAMissingOneIsNamed() throws {
        #expect(LibXML2.unavailable == nil)
        let missing = LibXML2.load("libfundstelle-no-such-library.so.9").error
        #expect(missing?.contains("cannot load libfundstelle-no-such-library.so.9") == true, "\(missing ?? "nil")")
        #if os(Linux)
        // A library without libxml2's functions: each one missing is named.
        let wrong = LibXML2.load("libz.so.1").error
        #expect(wrong?.contains("lacks htmlReadMemory") == true && wrong?.contains("xmlSetStructuredErrorFunc") == true, "\(wrong ?? "nil")")
        #endif
        #expect(ExtractError.parserUnavailable("cannot load x").description == "libxml2 unavailable: cannot load x")
    }
}
