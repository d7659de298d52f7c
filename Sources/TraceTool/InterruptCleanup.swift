import Foundation

/// Removes the temporary output file when a run is interrupted (SIGINT, SIGTERM, SIGHUP),
/// so that a stopped `--output` run leaves nothing behind, and exits with status 1 ("anything
/// else" in the contract's exit statuses). SIGKILL cannot be caught.
enum InterruptCleanup {
    /// The path to remove, as a C string the signal handler can use (unlink is async-signal-safe).
    nonisolated(unsafe) private static var pending: UnsafeMutablePointer<CChar>?

    static func remember(_ path: String) {
        forget()
        pending = strdup(path)
        // A parent may have started us with these signals blocked (libdispatch's threads
        // block them, and the mask is inherited); unblock them so the handler can run.
        var unblock = sigset_t()
        sigemptyset(&unblock)
        for signalNumber in [SIGINT, SIGTERM, SIGHUP] { sigaddset(&unblock, signalNumber) }
        sigprocmask(SIG_UNBLOCK, &unblock, nil)
        for signalNumber in [SIGINT, SIGTERM, SIGHUP] {
            signal(signalNumber) { number in
                if let path = InterruptCleanup.pending { unlink(path) }
                _exit(1)
            }
        }
    }

    static func forget() {
        let path = pending
        pending = nil
        free(path)
    }
}
