import CCurl
import Cartable
import Foundation

/// One thread driving a libcurl multi handle: every transfer in flight shares it, so many requests need no thread each,
/// and the multi handle's connection cache keeps connections alive between requests.
///
/// Other threads talk to it only through ``submit(_:)``, ``cancel(_:)`` and ``stop()``, which queue a command and wake
/// the loop with `curl_multi_wakeup` (the one multi call libcurl allows from another thread).
final class CurlMultiLoop: @unchecked Sendable {
    private enum Command {
        case start(CurlTransfer)
        case cancel(CurlTransfer)
        case stop
    }

    private let multi: UnsafeMutableRawPointer
    private let configuration: CurlTransport.Configuration
    // The queue, and whether the loop is (about to be) asleep in curl_multi_poll and so needs a wake-up.
    private let commands = Locked<(queue: [Command], sleeping: Bool)>(([], false))
    // Touched only on the loop thread.
    private var running: [UnsafeMutableRawPointer: CurlTransfer] = [:]
    private var idleHandles: [UnsafeMutableRawPointer] = []
    private var stopping = false

    init(configuration: CurlTransport.Configuration) {
        CurlGlobal.ensureInitialized()
        guard let multi = curl_multi_init() else {
            preconditionFailure("curl_multi_init returned NULL (out of memory)")
        }
        self.multi = multi
        self.configuration = configuration
        _ = cartable_multi_setopt_long(multi, CURLMOPT_PIPELINING, Int(CURLPIPE_MULTIPLEX))
        _ = cartable_multi_setopt_long(multi, CURLMOPT_MAX_HOST_CONNECTIONS, max(1, configuration.maxConnectionsPerHost))
        _ = cartable_multi_setopt_long(multi, CURLMOPT_MAXCONNECTS, max(1, configuration.maxCachedConnections))
        let thread = Thread { [self] in run() }
        thread.name = "cartable-curl"
        thread.start()
    }

    func submit(_ transfer: CurlTransfer) {
        enqueue(.start(transfer))
    }

    func cancel(_ transfer: CurlTransfer) {
        enqueue(.cancel(transfer))
    }

    /// Ends the loop: transfers still in flight finish as cancelled, then the handles are freed.
    func stop() {
        enqueue(.stop)
    }

    private func enqueue(_ command: Command) {
        let mustWake = commands.withLock { state in
            state.queue.append(command)
            defer { state.sleeping = false }
            return state.sleeping
        }
        // One wake-up per sleep is enough: a busy loop picks the command up on its next pass anyway.
        if mustWake {
            curl_multi_wakeup(multi)
        }
    }

    private func run() {
        while true {
            let pending = commands.withLock { state -> [Command] in
                defer { state.queue.removeAll(keepingCapacity: true) }
                return state.queue
            }
            for command in pending {
                apply(command)
            }
            if stopping { break }
            var stillRunning: Int32 = 0
            curl_multi_perform(multi, &stillRunning)
            collectFinishedTransfers()
            var suggested = -1
            curl_multi_timeout(multi, &suggested)
            // Cap the sleep so a lost wake-up can only delay, never hang; poll returns early on socket activity or wakeup.
            let wait = suggested < 0 ? 1000 : min(suggested, 1000)
            // Sleep only if nothing was queued meanwhile; the wake-up is a pipe write, so one sent before the poll
            // starts still ends it at once.
            let mayWait = commands.withLock { state -> Bool in
                state.sleeping = state.queue.isEmpty && wait > 0
                return state.sleeping
            }
            if mayWait {
                curl_multi_poll(multi, nil, 0, Int32(wait), nil)
                commands.withLock { $0.sleeping = false }
            }
        }
        shutDown()
    }

    private func apply(_ command: Command) {
        switch command {
        case .start(let transfer):
            if stopping || transfer.cancelledBeforeStart {
                transfer.finish(.failure(Self.cancelled(mayHaveReachedServer: false)))
                return
            }
            let easy = idleHandles.popLast() ?? curl_easy_init()
            guard let easy else {
                transfer.finish(.failure(HTTPTransportError(reason: .other, mayHaveReachedServer: false, detail: "curl_easy_init failed")))
                return
            }
            transfer.configure(easy, configuration)
            transfer.state = .running(easy: easy)
            running[easy] = transfer
            curl_multi_add_handle(multi, easy)
        case .cancel(let transfer):
            switch transfer.state {
            case .waiting:
                transfer.cancelledBeforeStart = true
            case .running(let easy):
                let sent = transfer.requestWasSent(easy)
                release(easy)
                transfer.finish(.failure(Self.cancelled(mayHaveReachedServer: sent)))
            case .finished:
                break
            }
        case .stop:
            stopping = true
        }
    }

    private func collectFinishedTransfers() {
        var remaining: Int32 = 0
        while let message = curl_multi_info_read(multi, &remaining) {
            guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle else { continue }
            let code = cartable_message_result(message)
            guard let transfer = running[easy] else { continue }
            let outcome = transfer.outcome(code: code, easy: easy)
            release(easy)
            transfer.finish(outcome)
        }
    }

    /// Takes the handle out of the multi and keeps it for the next request; its connection stays in the multi's cache.
    private func release(_ easy: UnsafeMutableRawPointer) {
        curl_multi_remove_handle(multi, easy)
        running[easy] = nil
        curl_easy_reset(easy)
        if idleHandles.count < configuration.maxCachedConnections {
            idleHandles.append(easy)
        } else {
            curl_easy_cleanup(easy)
        }
    }

    private func shutDown() {
        for (easy, transfer) in running {
            let sent = transfer.requestWasSent(easy)
            curl_multi_remove_handle(multi, easy)
            curl_easy_cleanup(easy)
            transfer.finish(.failure(Self.cancelled(mayHaveReachedServer: sent)))
        }
        running.removeAll()
        for easy in idleHandles {
            curl_easy_cleanup(easy)
        }
        idleHandles.removeAll()
        // Commands that raced with stop still get an answer.
        for command in commands.withLock({ $0.queue }) {
            if case .start(let transfer) = command {
                transfer.finish(.failure(Self.cancelled(mayHaveReachedServer: false)))
            }
        }
        curl_multi_cleanup(multi)
    }

    private static func cancelled(mayHaveReachedServer: Bool) -> HTTPTransportError {
        HTTPTransportError(reason: .cancelled, mayHaveReachedServer: mayHaveReachedServer, detail: "")
    }
}
