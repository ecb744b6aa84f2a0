internal import CLibXML2

#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// The extractor's only doorway to libxml2's parsers: loading the library on first use,
/// one-time initialisation, silenced error output, and the parse options. Every parse owns its
/// own context and document, so calls from several threads at once are safe.
enum LibXML2 {
    #if canImport(Darwin)
    static let libraryName = "libxml2.2.dylib"
    #else
    static let libraryName = "libxml2.so.2"
    #endif

    /// libxml2's functions, looked up in the library opened on first use (see shim.h), or why
    /// that failed. Swift runs the initialiser once, whichever thread asks first.
    private static let loaded = load(libraryName)

    /// Opens `library` and looks the functions up in it; the error says what failed.
    static func load(_ library: String) -> (functions: FundstelleLibXML2Functions, error: String?) {
        var f = FundstelleLibXML2Functions()
        guard let handle = dlopen(library, RTLD_NOW | RTLD_LOCAL) else {
            let reason = dlerror().map { String(cString: $0) } ?? "not found"
            return (f, "cannot load \(library) (\(reason))")
        }
        var missing: [String] = []
        func symbol<F>(_ name: String, as _: F.Type) -> F {
            let address = dlsym(handle, name)
            if address == nil { missing.append(name) }
            return unsafeBitCast(address, to: F.self)
        }
        f.htmlReadMemory = symbol("htmlReadMemory", as: type(of: f.htmlReadMemory))
        f.xmlCtxtReadMemory = symbol("xmlCtxtReadMemory", as: type(of: f.xmlCtxtReadMemory))
        f.xmlDocGetRootElement = symbol("xmlDocGetRootElement", as: type(of: f.xmlDocGetRootElement))
        f.xmlFreeDoc = symbol("xmlFreeDoc", as: type(of: f.xmlFreeDoc))
        f.xmlFreeParserCtxt = symbol("xmlFreeParserCtxt", as: type(of: f.xmlFreeParserCtxt))
        f.xmlInitParser = symbol("xmlInitParser", as: type(of: f.xmlInitParser))
        f.xmlNewParserCtxt = symbol("xmlNewParserCtxt", as: type(of: f.xmlNewParserCtxt))
        f.xmlSetExternalEntityLoader = symbol("xmlSetExternalEntityLoader", as: type(of: f.xmlSetExternalEntityLoader))
        f.xmlSetGenericErrorFunc = symbol("xmlSetGenericErrorFunc", as: type(of: f.xmlSetGenericErrorFunc))
        f.xmlSetStructuredErrorFunc = symbol("xmlSetStructuredErrorFunc", as: type(of: f.xmlSetStructuredErrorFunc))
        guard missing.isEmpty else { return (f, "\(library) lacks \(missing.joined(separator: ", "))") }
        f.xmlInitParser!()  // (not safe to race with itself: `loaded` runs this once)
        // Belt and braces: even if some input managed to reference an external entity or DTD, load nothing.
        f.xmlSetExternalEntityLoader!({ _, _, _ in nil })
        return (f, nil)
    }

    /// Why libxml2 cannot be used (the library missing or too old), nil when it can.
    static var unavailable: String? { loaded.error }

    private static var api: FundstelleLibXML2Functions { loaded.functions }

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

    /// Parses UTF-8 HTML. The caller frees the document with `LibXML2.free`.
    static func parseHTML(_ utf8: [UInt8]) throws(ExtractError) -> xmlDocPtr {
        if let reason = unavailable { throw .parserUnavailable(reason) }
        prepareThread()
        let document = utf8.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                api.htmlReadMemory!(chars.baseAddress, Int32(chars.count), nil, "UTF-8", htmlOptions)
            }
        }
        guard let document else { throw .htmlUnparseable }
        return document
    }

    static func free(_ document: xmlDocPtr?) { api.xmlFreeDoc!(document) }

    static func rootElement(_ document: xmlDocPtr) -> xmlNodePtr? { api.xmlDocGetRootElement!(document) }

    /// Parses UTF-8 XML, requiring well-formedness. The caller frees the document with `LibXML2.free`.
    /// A failure reports the first error (libxml2 goes on after it and keeps only the last one,
    /// typically a vague "Premature end of data").
    static func parseXML(_ utf8: [UInt8]) throws(ExtractError) -> xmlDocPtr {
        if let reason = unavailable { throw .parserUnavailable(reason) }
        prepareThread()
        guard let context = api.xmlNewParserCtxt!() else { throw .xmlSyntax(line: 0, message: "out of memory") }
        defer { api.xmlFreeParserCtxt!(context) }
        var firstError: SyntaxError?
        let document = withUnsafeMutablePointer(to: &firstError) { slot in
            api.xmlSetStructuredErrorFunc!(slot, recordFirstError)
            defer { api.xmlSetStructuredErrorFunc!(nil) { _, _ in } }
            return utf8.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) { chars in
                    api.xmlCtxtReadMemory!(context, chars.baseAddress, Int32(chars.count), nil, "UTF-8", xmlOptions)
                }
            }
        }
        if let document, context.pointee.wellFormed != 0 { return document }
        free(document)
        let error = firstError ?? SyntaxError(line: 0, message: "not well-formed")
        throw .xmlSyntax(line: error.line, message: error.message)
    }

    /// Structured error handler whose context points at a `SyntaxError?` to fill once.
    private static let recordFirstError: xmlStructuredErrorFunc = { context, error in
        guard let slot = context?.assumingMemoryBound(to: SyntaxError?.self), slot.pointee == nil,
              let error, error.pointee.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
        let message = error.pointee.message.map { String(cString: $0).trimmingASCIIWhitespace() } ?? "not well-formed"
        slot.pointee = SyntaxError(line: Int(error.pointee.line), message: message)
    }

    /// Silences libxml2's error output on the calling thread (libxml2 keeps error handlers per
    /// thread, so this runs before every parse). The first use of `api` anywhere loads and
    /// initialises the library (`loaded`).
    private static func prepareThread() {
        api.xmlSetStructuredErrorFunc!(nil) { _, _ in }
        // The generic handler is variadic in C, which Swift cannot declare; a function that
        // ignores all its arguments is safe to call through the variadic pointer type.
        let ignore: @convention(c) (UnsafeMutableRawPointer?, UnsafePointer<CChar>?) -> Void = { _, _ in }
        api.xmlSetGenericErrorFunc!(nil, unsafeBitCast(ignore, to: OpaquePointer.self))
    }
}
