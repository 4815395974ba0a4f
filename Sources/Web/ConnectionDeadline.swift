import HummingbirdCore
import NIOCore

/// The one deadline of a connection: what the service is waiting for from the client
/// (`ClientTimeouts`) and when it gives up and closes the connection. Two handlers feed it,
/// because no single place in the pipeline sees everything: the bytes as they arrive (the
/// head of a request is decoded only once it is complete, so a slow one shows up only as
/// bytes) and the decoded request and response parts (where a request starts and ends).
/// Lives on the channel's event loop, like its handlers.
final class ConnectionDeadline {
    private let timeouts: ClientTimeouts
    private var channel: (any Channel)?
    private var timer: Scheduled<Void>?
    /// A request's head has arrived and its end not yet.
    private var readingRequest = false
    /// Requests whose response has not ended yet.
    private var unanswered = 0
    /// Bytes of a next request have arrived; its head is not complete yet.
    private var headStarted = false

    init(timeouts: ClientTimeouts) {
        self.timeouts = timeouts
    }

    /// The connection is open: wait for its first request.
    func start(_ channel: any Channel) {
        guard self.channel == nil else { return }
        self.channel = channel
        arm(timeouts.idle)
    }

    func stop() {
        timer?.cancel()
        timer = nil
        channel = nil
    }

    func bytesArrived() {
        if readingRequest {
            // More of the body: the pause is over (the next read asks again).
            disarm()
        } else if unanswered == 0, !headStarted {
            // The clock for the whole head starts with its first byte, and more bytes do not
            // restart it: a head sent a byte at a time runs out of time all the same.
            headStarted = true
            arm(timeouts.header)
        }
        // Bytes that arrive while a response is being prepared are the next request's; its
        // head is read after the response, and the idle deadline then bounds it.
    }

    /// The service asked for more input; while reading a body, the client has `body` to send some.
    func readRequested() {
        if readingRequest, timer == nil { arm(timeouts.body) }
    }

    func requestHeadArrived() {
        readingRequest = true
        headStarted = false
        unanswered += 1
        disarm()
    }

    func requestEnded() {
        readingRequest = false
        // Answered before its body was read through (a refused upload): the connection is idle now.
        if unanswered == 0 { arm(timeouts.idle) } else { disarm() }
    }

    func responseEnded() {
        unanswered = max(0, unanswered - 1)
        if unanswered == 0, !readingRequest { arm(timeouts.idle) }
    }

    private func arm(_ timeout: Duration) {
        disarm()
        guard let channel else { return }
        timer = channel.eventLoop.assumeIsolated().scheduleTask(in: TimeAmount(timeout)) { [weak self] in
            self?.timer = nil
            channel.close(promise: nil)
        }
    }

    private func disarm() {
        timer?.cancel()
        timer = nil
    }
}

@available(*, unavailable)
extension ConnectionDeadline: Sendable {}

/// First in the pipeline, next to the socket: bytes as they arrive, and the reads the service
/// asks for (a handler that is not reading its body asks for none, so its wait is not counted).
final class ClientBytesHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundIn = IOData
    typealias OutboundOut = IOData

    private let deadline: ConnectionDeadline

    init(deadline: ConnectionDeadline) {
        self.deadline = deadline
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { deadline.start(context.channel) }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        deadline.stop()
    }

    func channelActive(context: ChannelHandlerContext) {
        deadline.start(context.channel)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        deadline.stop()
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        deadline.bytesArrived()
        context.fireChannelRead(data)
    }

    func read(context: ChannelHandlerContext) {
        deadline.readRequested()
        context.read()
    }
}

@available(*, unavailable)
extension ClientBytesHandler: Sendable {}

/// After the HTTP decoder: where each request starts and ends, and where its response ends.
final class RequestPartsHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPConnectionStateHandler.InboundIn
    typealias InboundOut = HTTPConnectionStateHandler.InboundIn
    typealias OutboundIn = HTTPConnectionStateHandler.OutboundIn
    typealias OutboundOut = HTTPConnectionStateHandler.OutboundIn

    private let deadline: ConnectionDeadline

    init(deadline: ConnectionDeadline) {
        self.deadline = deadline
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head: deadline.requestHeadArrived()
        case .body: break
        case .end: deadline.requestEnded()
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) { deadline.responseEnded() }
        context.write(data, promise: promise)
    }
}

@available(*, unavailable)
extension RequestPartsHandler: Sendable {}
