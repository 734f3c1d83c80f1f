import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOHTTPTypes
import NIOHTTPTypesHTTP1

/// Open connections across the whole server, for the cap. Shared by every connection's guard.
final class ConnectionCount: Sendable {
    private let count = NIOLockedValueBox(0)

    /// Counts a new connection; false when it would go over `limit` (it is then not counted).
    func open(limit: Int) -> Bool {
        count.withLockedValue { value in
            guard value < limit else { return false }
            value += 1
            return true
        }
    }

    func close() { count.withLockedValue { $0 -= 1 } }

    var current: Int { count.withLockedValue { $0 } }
}

/// One per connection, after HTTP decoding: a client must send each request, head and body, within
/// `readTimeout` of the connection opening or of the previous response ending, or the connection is
/// closed. A client trickling a body a byte a second, or never finishing its headers, cannot hold a
/// connection (the request timeout only starts once a request has been read). Also refuses the
/// connection at once when `limit` connections are already open.
final class ConnectionGuard: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let readTimeout: TimeAmount
    private let count: ConnectionCount
    private let limit: Int
    private var counted = false
    private var deadline: Scheduled<Void>?

    init(readTimeout: TimeAmount, count: ConnectionCount, limit: Int) {
        self.readTimeout = readTimeout
        self.count = count
        self.limit = limit
    }

    func handlerAdded(context: ChannelHandlerContext) {
        guard count.open(limit: limit) else {
            context.close(promise: nil)
            return
        }
        counted = true
        startDeadline(context)
        // The HTTP version is gone once the request is converted to HTTP types: the keep-alive rule
        // is kept where it is still known.
        let pipeline = context.pipeline.syncOperations
        if let codec = try? pipeline.handler(type: HTTP1ToHTTPServerCodec.self) {
            try? pipeline.addHandler(HTTP1KeepAlive(), position: .before(codec))
        }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        deadline?.cancel()
        deadline = nil
        if counted {
            counted = false
            count.close()
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        deadline?.cancel()
        deadline = nil
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .end = unwrapInboundIn(data) {
            // The request is in; the request timeout covers the answer.
            deadline?.cancel()
            deadline = nil
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) { startDeadline(context) }
        context.write(data, promise: promise)
    }

    private func startDeadline(_ context: ChannelHandlerContext) {
        deadline?.cancel()
        let loopBound = NIOLoopBound(context, eventLoop: context.eventLoop)
        deadline = context.eventLoop.assumeIsolated().scheduleTask(in: readTimeout) {
            loopBound.value.close(promise: nil)
        }
    }
}

/// Closes the connection after the answer to a request that does not keep it alive: HTTP/1.0 without
/// `Connection: keep-alive`, or any request with `Connection: close` (RFC 9112 section 9.3).
final class HTTP1KeepAlive: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    /// Whether each request read and not yet answered keeps the connection, in order: a pipelined
    /// request may arrive before the answer to the one before it is written.
    private var keepAlive: [Bool] = []

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .head(let head) = unwrapInboundIn(data) { keepAlive.append(head.isKeepAlive) }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        guard case .end = unwrapOutboundIn(data), !(keepAlive.isEmpty ? true : keepAlive.removeFirst()) else {
            context.write(data, promise: promise)
            return
        }
        let written = promise ?? context.eventLoop.makePromise()
        let loopBound = NIOLoopBound(context, eventLoop: context.eventLoop)
        written.futureResult.whenComplete { _ in loopBound.value.close(promise: nil) }
        context.writeAndFlush(data, promise: written)
    }
}
