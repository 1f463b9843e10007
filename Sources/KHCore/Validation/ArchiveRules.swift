/// The rules across customers (spec section 5, "Archive"). Customers come sorted by
/// folder name; the later of two is the one reported, with a note at the first.
enum ArchiveRules {
    static func check(_ customers: [CustomerSummary], config: Config) -> [Diagnostic] {
        var out: [Diagnostic] = []
        var numbers: [String: CustomerSummary] = [:]
        var codes: [String: CustomerSummary] = [:]
        var names: [String: CustomerSummary] = [:]
        var mobiles: [String: (CustomerSummary, CustomerSummary.Key)] = [:]
        var emails: [String: (CustomerSummary, CustomerSummary.Key)] = [:]
        let retired = Set(config.retiredNumbers)

        func location(_ c: CustomerSummary) -> (String, Mark?) {
            if let n = c.numberMark { return (n.file, n.mark) }
            return (c.directory.path, nil)
        }

        for c in customers {
            let number = c.directory.number
            let (file, mark) = location(c)
            if let first = numbers[number] {
                let (ff, fm) = location(first)
                out.append(Diagnostic(rule: .duplicateNumber, file: file, start: mark, path: c.numberMark == nil ? nil : "档案编号",
                                      message: Msg.duplicateNumber(number, first: first.directory.name),
                                      notes: [Note(file: ff, start: fm, message: Msg.firstCustomerHere(first.directory.name))]))
            } else {
                numbers[number] = c
            }
            if retired.contains(number) {
                out.append(Diagnostic(rule: .retiredNumber, file: file, start: mark, path: c.numberMark == nil ? nil : "档案编号",
                                      message: Msg.retiredNumber(number)))
            }
            if let code = c.creditCode {
                if let first = codes[code.value], let fk = first.creditCode {
                    out.append(Diagnostic(rule: .duplicateCreditCode, file: code.file, start: code.mark, path: "统一社会信用代码",
                                          message: Msg.duplicateCreditCode(code.value, first: first.directory.name),
                                          notes: [Note(file: fk.file, start: fk.mark, message: Msg.firstCustomerHere(first.directory.name))]))
                } else {
                    codes[code.value] = c
                }
            }
            if let name = c.fullName, let normalized = c.normalizedName {
                if let first = names[normalized], let fk = first.fullName {
                    out.append(Diagnostic(rule: .duplicateName, file: name.file, start: name.mark, path: "企业名称.全称",
                                          message: Msg.duplicateName(name.value, first: first.directory.name),
                                          notes: [Note(file: fk.file, start: fk.mark, message: Msg.firstCustomerHere(first.directory.name))]))
                } else {
                    names[normalized] = c
                }
            }
            shared(c, c.mobiles, word: "手机", seen: &mobiles, into: &out)
            shared(c, c.emails, word: "邮箱", seen: &emails, into: &out)
        }
        return out
    }

    /// One mobile or e-mail under two customers.
    private static func shared(_ c: CustomerSummary, _ keys: [CustomerSummary.Key], word: String,
                               seen: inout [String: (CustomerSummary, CustomerSummary.Key)], into out: inout [Diagnostic]) {
        var here: Set<String> = []
        for key in keys where here.insert(key.value).inserted {
            if let (first, fk) = seen[key.value] {
                out.append(Diagnostic(rule: .sharedContact, file: key.file, start: key.mark,
                                      message: Msg.sharedContact(word, key.value, first: first.directory.name),
                                      notes: [Note(file: fk.file, start: fk.mark, message: Msg.firstCustomerHere(first.directory.name))]))
            } else {
                seen[key.value] = (c, key)
            }
        }
    }
}
