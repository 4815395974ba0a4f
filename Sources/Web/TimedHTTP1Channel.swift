import HummingbirdCore
import Logging
import NIOCore

/// Hummingbird's HTTP/1 channel with `ClientTimeouts`: its own idle timeout only notices
/// decoded request parts, so a head sent a byte at a time or a body that stops halfway would
/// hold the connection as long as the client likes.
struct TimedHTTP1Channel: ServerChildChannel {
    typealias Value = HTTP1Channel.Value

    let http1: HTTP1Channel
    let timeouts: ClientTimeouts

    static func builder(timeouts: ClientTimeouts) -> HTTPServerBuilder {
        HTTPServerBuilder { responder in
            TimedHTTP1Channel(http1: HTTP1Channel(responder: responder), timeouts: timeouts)
        }
    }

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        let timeouts = self.timeouts
        return http1.setup(channel: channel, logger: logger).flatMapThrowing { value in
            let pipeline = channel.pipeline.syncOperations
            let deadline = ConnectionDeadline(timeouts: timeouts)
            try pipeline.addHandler(ClientBytesHandler(deadline: deadline), position: .first)
            let connectionState = try pipeline.handler(type: HTTPConnectionStateHandler.self)
            try pipeline.addHandler(RequestPartsHandler(deadline: deadline), position: .before(connectionState))
            return value
        }
    }

    func handle(value: Value, logger: Logger) async {
        await http1.handle(value: value, logger: logger)
    }
}
