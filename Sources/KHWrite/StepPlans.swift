import KHModel
import KHSupport
import KHValidation
import KHYAML

/// What happens to a next step (下一步计划) of an interaction record.
public enum StepChange: Sendable, Equatable {
    /// 状态: 已完成.
    case done
    /// 截止日期 moved to a new day (the step stays 待办).
    case move(Day)
}

extension Plans {
    /// A next step marked done or moved, in its 03 record (the record's 最后更新时间 set to
    /// `today`; a step with no 状态 line gets one). `index` is 1-based, as in the record's
    /// field paths (下一步计划[1]).
    public static func step(
        _ change: StepChange, file rel: String, index: Int, customer: CustomerRegistry.Entry,
        archive: Archive, today: Day
    ) throws(KHError) -> Planned {
        guard rel.hasPrefix(customer.directory.path + "/"), !rel.split(separator: "/").contains("..") else {
            throw KHError(StepMsg.noSuchStep(rel, index))
        }
        let edit = try editFile(rel, root: archive.root, today: today) { (doc) throws(EditableDocument.Problem) in
            guard let items = doc.root[FieldName.nextSteps]?.sequence?.items, index >= 1, index <= items.count,
                let step = items[index - 1].mapping
            else {
                throw .positionMismatch(doc.root.start)
            }
            switch change {
            case .done:
                if let s = step[FieldName.status]?.scalar {
                    try doc.replace(s, with: FieldValue.stepDone)
                } else {
                    try doc.insert(FieldName.status, FieldValue.stepDone, into: step)
                }
            case .move(let day):
                guard let s = step[FieldName.due]?.scalar else { throw .positionMismatch(step.start) }
                try doc.replace(s, with: day.description)
            }
        }
        var planned = Planned()
        planned.changes.changes.append(edit)
        planned.before.insert(customer.directory.name)
        planned.after.insert(customer.directory.name)
        return planned
    }
}

extension Plans.Planned {
    /// Writes the plan (journaled, under the archive lock), checked: refused, and nothing
    /// written, when the result has errors the archive did not have. The one way every
    /// writing command and kh serve's forms write.
    public func apply(to archive: Archive) throws(ChangeSet.Failure) {
        let check = ResultCheck(archive: archive, before: before, after: after)
        try changes.apply(root: archive.root, verify: check.verify)
    }

    /// Whether every one of `diagnostics` (a failed result check's) is in a file the plan
    /// creates: kh new, kh log and kh import write new files from what they were given alone,
    /// so their errors are bad input (exit 2), not the archive refusing.
    public func onlyInCreatedFiles(_ diagnostics: [Diagnostic]) -> Bool {
        let created = Set(
            changes.changes.compactMap { change -> String? in
                if case .create(let path, _) = change { return path }
                return nil
            })
        return !diagnostics.isEmpty && diagnostics.allSatisfy { created.contains($0.file) }
    }
}

enum StepMsg {
    static func noSuchStep(_ file: String, _ index: Int) -> Text {
        Text(zh: "\(file) 中没有 下一步计划[\(index)]", en: "\(file) has no 下一步计划[\(index)]")
    }
}
