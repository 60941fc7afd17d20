import Cartable
import Foundation
import PostgresNIO

/// Turns what postgres-nio and the server report into ``OutboxError``s with a kind and a hint, in the outbox's own
/// terms (the CLI adds its flags). Messages name the server's reason but never the password, a query or its values.
enum PostgresOutboxErrors {
    /// Whether `error` means the connection is gone (the server restarted or the network dropped): what was not
    /// committed on it was rolled back by the server.
    static func isConnectionLost(_ error: any Error) -> Bool {
        if error is ChannelError || error is IOError || error is PostgresSession.ConnectionClosed { return true }
        guard let error = error as? PSQLError else { return false }
        switch error.code {
        case .serverClosedConnection, .uncleanShutdown, .connectionError, .clientClosedConnection:
            return true
        case .server:
            return ["57P01", "57P02", "57P03"].contains(error.serverInfo?[.sqlState] ?? "") || (error.serverInfo?[.sqlState] ?? "").hasPrefix("08")
        default:
            return false
        }
    }

    /// Whether the server rolled back the transaction to break a deadlock (`40P01`) or for a serialization failure
    /// (`40001`): nothing of it was kept, and running it again may succeed.
    static func isConflict(_ error: any Error) -> Bool {
        guard let error = error as? PSQLError, error.code == .server else { return false }
        return ["40P01", "40001"].contains(error.serverInfo?[.sqlState] ?? "")
    }

    /// Whether a row was refused for a key another row already has (`23505`).
    static func isUniqueViolation(_ error: any Error) -> Bool {
        guard let error = error as? PSQLError, error.code == .server else { return false }
        return error.serverInfo?[.sqlState] == "23505"
    }

    /// The ``OutboxError`` for `error`, met while doing `action` on the outbox at `url`.
    static func outboxError(_ error: any Error, url: PostgresURL, doing action: String) -> OutboxError {
        if let error = error as? OutboxError { return error }
        let location = url.redacted
        func failure(_ kind: OutboxError.Kind, _ message: String, hint: String? = nil) -> OutboxError {
            OutboxError(path: location, kind: kind, message: "\(action): \(message)", hint: hint)
        }
        let server = url.isUnixSocket ? url.socketPath : "\(url.host):\(url.port)"
        let lostHint = "the server may be restarting, or the network dropped; nothing half-done was kept (the transaction was rolled back), so run it again once the database is back"

        guard let error = error as? PSQLError else {
            if error is PostgresSession.ConnectionClosed {
                return failure(.unreachable, "the connection to the database at \(server) was lost", hint: lostHint)
            }
            if error is ChannelError || error is IOError {
                return failure(.unreachable, "the connection to the database at \(server) failed (\(error))", hint: lostHint)
            }
            let text = String(describing: error)
            if text.contains("SSL") || text.contains("TLS") || text.contains("certificate") || text.contains("handshake") {
                return failure(.cannotOpen, "the TLS handshake with \(server) failed (\(text))",
                               hint: "check the server's certificate: name a trusted root with sslrootcert=PATH, or use sslmode=require to encrypt without checking it")
            }
            return failure(.other, text)
        }

        switch error.code {
        case .server:
            return serverError(error, url: url, server: server, failure: failure)
        case .connectionError:
            let reason = error.underlying.map { Self.connectionReason($0) } ?? "no connection"
            if let underlying = error.underlying, String(describing: underlying).contains("failedToValidateHostname") {
                return failure(.cannotOpen, "the TLS handshake with \(server) failed: its certificate is not for the name \(url.host)",
                               hint: "connect with a name the certificate gives (its DNS name rather than an address), or use sslmode=verify-ca to check only who signed it")
            }
            if let underlying = error.underlying, String(describing: underlying).contains("SSL") || String(describing: underlying).contains("handshake") {
                return failure(.cannotOpen, "the TLS handshake with \(server) failed (\(underlying))",
                               hint: "check the server's certificate: name a trusted root with sslrootcert=PATH, or use sslmode=require to encrypt without checking it")
            }
            return failure(.unreachable, "cannot connect to the database at \(server) (\(reason))",
                           hint: "check that PostgreSQL runs there and accepts connections from this machine (listen_addresses, pg_hba.conf, firewall)")
        case .serverClosedConnection, .uncleanShutdown, .clientClosedConnection:
            return failure(.unreachable, "the connection to the database at \(server) was lost", hint: lostHint)
        case .sslUnsupported:
            return failure(.cannotOpen, "the server at \(server) does not accept TLS (sslmode=\(url.tlsMode.rawValue))",
                           hint: "enable ssl on the server, or use sslmode=disable on a network you trust")
        case .failedToAddSSLHandler, .receivedUnencryptedDataAfterSSLRequest:
            return failure(.cannotOpen, "TLS could not be set up with \(server)",
                           hint: "check the server's ssl settings and the URL's sslmode")
        case .authMechanismRequiresPassword:
            return failure(.authentication, "the server asks a password for user \(url.user), and none was given",
                           hint: "give it in the URL, in PGPASSWORD, or in ~/.pgpass (mode 0600)")
        case .unsupportedAuthMechanism, .saslError:
            return failure(.authentication, "authentication of user \(url.user) failed (the server's method is not supported, or the exchange failed)",
                           hint: "use scram-sha-256, md5 or password authentication for this user in the server's pg_hba.conf")
        case .tooManyParameters:
            return failure(.other, "a statement had too many parameters")
        default:
            return failure(.other, "the database reported \(error.code)")
        }
    }

    private static func serverError(
        _ error: PSQLError, url: PostgresURL, server: String, failure: (OutboxError.Kind, String, String?) -> OutboxError
    ) -> OutboxError {
        let state = error.serverInfo?[.sqlState] ?? ""
        let said = error.serverInfo?[.message] ?? "an error"
        switch state {
        case "28P01", "28000":
            return failure(.authentication, "the server refused user \(url.user): \(said)",
                           "check the user and password (in the URL, PGPASSWORD or ~/.pgpass) and the server's pg_hba.conf")
        case "3D000":
            return failure(.cannotOpen, "database \(url.database) does not exist on \(server)",
                           "create it (createdb \(url.database)), or name another database in the URL")
        case "42501":
            return failure(.readOnly, "user \(url.user) may not do this: \(said)",
                           "grant the user the rights on the outbox's tables, or connect as their owner")
        case "25006":
            return failure(.readOnly, "the server is read-only (a standby?): \(said)", "point the URL at the primary server")
        case "53100":
            return failure(.full, "the database server has no space left: \(said)",
                           "free space on the server's disk; what was queued before is still there (nothing was changed)")
        case "53300":
            return failure(.busy, "the server has no connection slot left: \(said)",
                           "raise max_connections, or run fewer servers and senders (or put a connection pooler in front)")
        case "55P03", "40P01", "40001":
            return failure(.busy, "another process held the rows too long: \(said)", "try again; nothing was changed")
        case "42P01", "42703":
            return failure(.pendingMigrations, "the outbox's tables are missing or older than this Cartable: \(said)",
                           "apply the outbox's migrations")
        case "57P01", "57P02", "57P03":
            return failure(.unreachable, "the database at \(server) is shutting down or starting: \(said)",
                           "wait until it is up; nothing half-done was kept")
        default:
            if state.hasPrefix("08") {
                return failure(.unreachable, "the connection to \(server) failed: \(said)", "check the network and the server")
            }
            return failure(.other, "the database said: \(said) (SQLSTATE \(state))", nil)
        }
    }

    /// A short reason for a failed connection: "connection refused", "timed out", or the error itself.
    private static func connectionReason(_ error: any Error) -> String {
        let text = String(describing: error)
        if text.contains("refused") || text.contains("ECONNREFUSED") || text.contains("errno: 111") { return "connection refused" }
        if text.contains("connectTimeout") || text.contains("timed out") { return "timed out" }
        if text.contains("unknown host") || text.contains("resolve") || text.contains("EAI_") { return "unknown host" }
        return text
    }
}
