import Foundation

/// A progress bar on standard error, drawn only when standard error is a terminal (scripts
/// and logs get nothing), redrawn at most ten times a second: done / total and the rate.
struct ProgressBar {
    let unit: String
    private let enabled = isatty(STDERR_FILENO) == 1
    private let started = Date()
    private var lastDrawn = Date.distantPast
    private var drawn = false

    init(unit: String) {
        self.unit = unit
    }

    mutating func update(done: Int, total: Int) {
        guard enabled else { return }
        let now = Date()
        guard done == total || now.timeIntervalSince(lastDrawn) >= 0.1 else { return }
        lastDrawn = now
        let width = 30
        let filled = total > 0 ? width * done / total : width
        let elapsed = max(now.timeIntervalSince(started), 0.001)
        let rate = Double(done) / elapsed
        let line = "\r[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "] "
            + "\(done)/\(total) \(unit)  " + String(format: "%.1f", rate) + " \(unit)/秒"
        FileHandle.standardError.write(Data(line.utf8))
        drawn = true
    }

    /// Ends the bar's line.
    mutating func finish() {
        if drawn { FileHandle.standardError.write(Data("\n".utf8)) }
        drawn = false
    }
}
