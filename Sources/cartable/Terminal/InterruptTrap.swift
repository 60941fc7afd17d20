import Cartable
import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Ctrl-C while sending: the first one asks the dispatcher to stop (requests in flight finish and are recorded);
/// the second exits at once (rows in flight keep their lease, which the next run takes back).
final class InterruptTrap: @unchecked Sendable {
    let stop = StopSignal()
    // Guards `count`; the handler runs on the signal source's queue.
    private let lock = NSLock()
    private var count = 0
    private var sources: [any DispatchSourceSignal] = []

    /// Installs the handler for SIGINT and SIGTERM; `onFirst` says what happens while stopping.
    init(onFirst: @escaping @Sendable () -> Void) {
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler { [self] in
                let seen = lock.withLock {
                    count += 1
                    return count
                }
                if seen == 1 {
                    stop.request()
                    onFirst()
                } else {
                    FileHandleOutput.standardError("\ncartable: stopped at once; rows in flight return to the queue when their lease ends\n")
                    _exit(130)
                }
            }
            source.resume()
            sources.append(source)
        }
    }

    /// Whether the user asked to stop.
    var wasInterrupted: Bool { stop.isRequested }
}
