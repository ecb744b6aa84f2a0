internal import CLibXML2

/// XML files: gii-norm law files (root `<dokumente>`) become one document per norm,
/// anything else one document with all its text.
enum XMLExtractor {
    static func extract(_ utf8: [UInt8], path: String) throws(ExtractError) -> [Document] {
        let document: xmlDocPtr
        switch LibXML2.parseXML(utf8) {
        case .success(let parsed): document = parsed
        case .failure(let error): throw .xmlSyntax(line: error.line, message: error.message)
        }
        defer { xmlFreeDoc(document) }
        guard let root = xmlDocGetRootElement(document) else { return [] }
        if root.hasName("dokumente") {
            return LawExtractor(path: path).extract(root)
        }
        return [GenericXMLCollector.document(from: root, path: path, expectedTextSize: utf8.count / 2)]
    }
}
