import Foundation

/// A client socket driven by hand, for what an HTTP client library will not do: send half a
/// request, stop, and watch what the server does meanwhile. Every call blocks; run them
/// through `offThread`.
final class RawConnection: @unchecked Sendable {
    private let descriptor: Int32
    private var received: [UInt8] = []

    init(port: Int) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = LoopbackClient.loopback(port: UInt16(port))
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard descriptor >= 0, connected == 0 else {
            close(descriptor)
            throw RawConnectionError.connect(errno)
        }
    }

    deinit {
        close(descriptor)
    }

    /// Sends every byte; false when the server has closed the connection.
    @discardableResult
    func send(_ bytes: some Collection<UInt8>) -> Bool {
        let bytes = Array(bytes)
        var sent = 0
        while sent < bytes.count {
            let written = bytes[sent...].withUnsafeBytes { Foundation.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if written <= 0 { return false }
            sent += written
        }
        return true
    }

    @discardableResult
    func send(_ text: String) -> Bool { send(Array(text.utf8)) }

    /// Reads what arrives within `timeout` seconds; true when the server closed the connection
    /// (end of stream or reset) by then.
    func waitForClose(timeout: Double) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            switch readSome(until: deadline) {
            case .closed: return true
            case .data, .nothing: continue
            }
        }
        return false
    }

    /// The first complete response (status and body) that arrives within `timeout` seconds.
    func response(timeout: Double) -> (status: Int, headers: String, body: String)? {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if case .answered(let status, let body) = LoopbackClient.parse(received) {
                let text = String(decoding: received, as: UTF8.self)
                let headers = text.range(of: "\r\n\r\n").map { String(text[..<$0.lowerBound]) } ?? ""
                return (status, headers, body)
            }
            guard Date() < deadline else { return nil }
            if case .closed = readSome(until: deadline) {
                guard case .answered = LoopbackClient.parse(received) else { return nil }
            }
        }
    }

    private enum ReadOutcome { case data, nothing, closed }

    private func readSome(until deadline: Date) -> ReadOutcome {
        var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        let milliseconds = max(0, Int32(deadline.timeIntervalSinceNow * 1000))
        guard poll(&poller, 1, milliseconds) > 0 else { return .nothing }
        var buffer = [UInt8](repeating: 0, count: 65_536)
        let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
        if count > 0 {
            received.append(contentsOf: buffer[0..<count])
            return .data
        }
        if count < 0 && errno == EINTR { return .nothing }
        return .closed
    }
}

enum RawConnectionError: Error {
    case connect(Int32)
}
