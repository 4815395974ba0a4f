import Domain
import Foundation

/// The code an adopted project gets when its list gives none, made once from fiscal year,
/// bureau, frame and published number, and never changed afterwards (a later import finds
/// the project by frame and number, not by recomputing its code).
///
/// The standard frame (通常枠) of 地域戦略人材確保等実証事業 — the programme whose lists these
/// codes were first made for — keeps the form `2022-kanto-006`. Its other frames add the
/// frame's code (`2023-kanto-joint-strategy-003`), since each frame is numbered from 1; the
/// frames of other programmes add programme and frame (`2024-kanto-kyodo-koza-standard-001`),
/// since frame codes such as `standard` recur across programmes.
public enum AdoptedProjectCode {
    /// The programme whose standard frame gets the short form.
    public static let listedProgram = "chiiki-senryaku-jinzai"
    public static let standardFrame = "standard"

    /// Nil when the result would exceed a code's 64 characters (a very long frame code).
    public static func make(fiscalYear: FiscalYear, bureau: Bureau, program: String, frame: String, no: Int) -> String? {
        var parts = [String(fiscalYear.startYear), bureau.rawValue]
        if program != listedProgram {
            parts += [program, frame]
        } else if frame != standardFrame {
            parts.append(frame)
        }
        parts.append(String(format: "%03d", no))
        let code = parts.joined(separator: "-")
        return code.utf8.count <= 64 ? code : nil
    }
}
