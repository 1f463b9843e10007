/// The rules across customers (spec section 5, "Archive"). Customers come sorted by
/// folder name; the later of two is the one reported, with a note at the first.
enum ArchiveRules {
    /// The rules checked here (what `--changed-since` checks for every customer).
    static let rules: Set<String> = [Rule.duplicateNumber, .retiredNumber, .duplicateCreditCode, .duplicateName, .sharedContact].map(\.code).reduce(into: []) { $0.insert($1) }

    static func check(_ customers: [CustomerSummary], config: Config) -> [Diagnostic] {
        var out: [Diagnostic] = []
        // First holders by index (a summary is large: copying it into every table is slow).
        var numbers: [String: Int] = [:], codes: [String: Int] = [:], names: [String: Int] = [:]
        var mobiles: [String: (Int, CustomerSummary.Key)] = [:], emails: [String: (Int, CustomerSummary.Key)] = [:]
        numbers.reserveCapacity(customers.count)
        names.reserveCapacity(customers.count)
        mobiles.reserveCapacity(customers.count)
        emails.reserveCapacity(customers.count)
        let retired = Set(config.retiredNumbers)

        func location(_ c: CustomerSummary) -> (String, Mark?) {
            if let n = c.numberMark { return (n.file, n.mark) }
            return (c.directory.path, nil)
        }

        for (i, c) in customers.enumerated() {
            let number = c.directory.number
            let (file, mark) = location(c)
            if let first = numbers[number].map({ customers[$0] }) {
                let (ff, fm) = location(first)
                out.append(Diagnostic(rule: .duplicateNumber, file: file, start: mark, path: c.numberMark == nil ? nil : FieldName.number,
                                      message: Msg.duplicateNumber(number, first: first.directory.name),
                                      notes: [Note(file: ff, start: fm, message: Msg.firstCustomerHere(first.directory.name))]))
            } else {
                numbers[number] = i
            }
            if retired.contains(number) {
                out.append(Diagnostic(rule: .retiredNumber, file: file, start: mark, path: c.numberMark == nil ? nil : FieldName.number,
                                      message: Msg.retiredNumber(number)))
            }
            if let code = c.creditCode {
                if let first = codes[code.value].map({ customers[$0] }), let fk = first.creditCode {
                    out.append(Diagnostic(rule: .duplicateCreditCode, file: code.file, start: code.mark, path: FieldName.creditCode,
                                          message: Msg.duplicateCreditCode(code.value, first: first.directory.name),
                                          notes: [Note(file: fk.file, start: fk.mark, message: Msg.firstCustomerHere(first.directory.name))]))
                } else {
                    codes[code.value] = i
                }
            }
            if let name = c.fullName, let normalized = c.normalizedName {
                if let first = names[normalized].map({ customers[$0] }), let fk = first.fullName {
                    out.append(Diagnostic(rule: .duplicateName, file: name.file, start: name.mark, path: "企业名称.全称",
                                          message: Msg.duplicateName(name.value, first: first.directory.name),
                                          notes: [Note(file: fk.file, start: fk.mark, message: Msg.firstCustomerHere(first.directory.name))]))
                } else {
                    names[normalized] = i
                }
            }
            shared(i, customers, c.mobiles, word: FieldName.mobile, seen: &mobiles, into: &out)
            shared(i, customers, c.emails, word: FieldName.email, seen: &emails, into: &out)
        }
        return out
    }

    /// One mobile or e-mail under two customers.
    private static func shared(_ index: Int, _ customers: [CustomerSummary], _ keys: [CustomerSummary.Key], word: String,
                               seen: inout [String: (Int, CustomerSummary.Key)], into out: inout [Diagnostic]) {
        var here: Set<String> = []
        for key in keys where here.insert(key.value).inserted {
            if let (f, fk) = seen[key.value] {
                let first = customers[f]
                out.append(Diagnostic(rule: .sharedContact, file: key.file, start: key.mark,
                                      message: Msg.sharedContact(word, key.value, first: first.directory.name),
                                      notes: [Note(file: fk.file, start: fk.mark, message: Msg.firstCustomerHere(first.directory.name))]))
            } else {
                seen[key.value] = (index, key)
            }
        }
    }
}
