import Foundation

/// Where a PostgreSQL outbox is: `postgres://user[:password]@host[:port]/database[?sslmode=...]` (or `postgresql://`),
/// read the way libpq reads it. The password comes from the URL, else `PGPASSWORD`, else the password file
/// (`PGPASSFILE`, or `~/.pgpass`); it is never part of ``redacted``, which is what messages show.
public struct PostgresURL: Sendable, Hashable {
    /// How the connection is encrypted, libpq's `sslmode`.
    public enum TLSMode: String, Sendable, Hashable, CaseIterable {
        /// Plain TCP.
        case disable
        /// TLS if the server offers it, plain otherwise (libpq's default); the certificate is not checked.
        case prefer
        /// TLS or nothing; the certificate is not checked (libpq's `require` without a root certificate).
        case require
        /// TLS, with a certificate signed by a trusted authority (any host name).
        case verifyCA = "verify-ca"
        /// TLS, with a trusted certificate for the host name connected to.
        case verifyFull = "verify-full"
    }

    /// The host name or address (TCP), or the directory of the server's socket when it starts with `/`.
    public var host: String
    /// The port (5432 by default).
    public var port: Int
    /// The role to connect as.
    public var user: String
    /// The password, if any was found (URL, `PGPASSWORD` or the password file).
    public var password: String?
    /// The database.
    public var database: String
    /// Whether and how TLS is used.
    public var tlsMode: TLSMode
    /// A file of trusted root certificates (PEM) for `verify-ca` and `verify-full` (`sslrootcert`); the system's
    /// trusted authorities when absent.
    public var rootCertificatePath: String?
    /// The most connections one process opens to the database at once (`pool_max_conns`, 10 by default, 1 to 1000);
    /// callers beyond wait for one to be given back. The connection that listens for queued rows is not counted.
    public var poolMaxConnections: Int

    /// ``poolMaxConnections`` when the URL says nothing.
    public static let defaultPoolMaxConnections = 10

    /// Whether `text` names a PostgreSQL outbox (`postgres://` or `postgresql://`).
    public static func isPostgresURL(_ text: String) -> Bool {
        let lowered = text.lowercased()
        return lowered.hasPrefix("postgres://") || lowered.hasPrefix("postgresql://")
    }

    /// Reads a URL; the password is looked up in `environment` (`PGPASSWORD`, `PGPASSFILE`, `HOME`) when the URL has
    /// none. Defaults follow libpq: port 5432, user `PGUSER` or `USER`, database named after the user.
    /// - Throws: ``PostgresURLError`` saying what is wrong, without the password.
    public init(_ text: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws(PostgresURLError) {
        guard Self.isPostgresURL(text) else {
            throw PostgresURLError("not a PostgreSQL URL: it must start with postgres:// or postgresql://")
        }
        // URLComponents rejects some characters libpq accepts in passwords; percent-encoded ones are read below.
        guard let components = URLComponents(string: text) else {
            throw PostgresURLError("malformed URL (percent-encode special characters in the user name and password)")
        }
        var query: [String: String] = [:]
        for item in components.queryItems ?? [] {
            query[item.name] = item.value ?? ""
        }
        let known: Set<String> = [
            "sslmode", "sslrootcert", "host", "port", "user", "password", "dbname", "application_name", "connect_timeout", "pool_max_conns",
        ]
        if let unknown = query.keys.sorted().first(where: { !known.contains($0) }) {
            throw PostgresURLError("unknown parameter \(unknown) (known: sslmode, sslrootcert, host, port, user, password, dbname, pool_max_conns)")
        }
        if let poolText = query["pool_max_conns"] {
            guard let value = Int(poolText), (1...1000).contains(value) else {
                throw PostgresURLError("pool_max_conns \(poolText) is not a number of connections from 1 to 1000")
            }
            poolMaxConnections = value
        } else {
            poolMaxConnections = Self.defaultPoolMaxConnections
        }

        let queryHost = query["host"].flatMap { $0.isEmpty ? nil : $0 }
        host = queryHost ?? components.percentEncodedHost.flatMap { $0.removingPercentEncoding }.flatMap { $0.isEmpty ? nil : $0 } ?? "localhost"
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }

        if let portText = query["port"] {
            guard let value = Int(portText), (1...65_535).contains(value) else { throw PostgresURLError("port \(portText) is not a port number") }
            port = value
        } else if let value = components.port {
            guard (1...65_535).contains(value) else { throw PostgresURLError("port \(value) is not a port number") }
            port = value
        } else {
            port = 5432
        }

        let urlUser = components.percentEncodedUser.flatMap { $0.removingPercentEncoding }.flatMap { $0.isEmpty ? nil : $0 }
        user = query["user"] ?? urlUser ?? environment["PGUSER"] ?? environment["USER"] ?? "postgres"

        let path = components.percentEncodedPath.removingPercentEncoding ?? components.percentEncodedPath
        let pathDatabase = path.hasPrefix("/") ? String(path.dropFirst()) : path
        database = query["dbname"] ?? (pathDatabase.isEmpty ? user : pathDatabase)
        guard !database.contains("/") else { throw PostgresURLError("the database name cannot contain /") }

        let modeText = query["sslmode"] ?? environment["PGSSLMODE"] ?? TLSMode.prefer.rawValue
        guard let mode = TLSMode(rawValue: modeText) ?? (modeText == "allow" ? .prefer : nil) else {
            throw PostgresURLError("sslmode \(modeText) is not one of disable, prefer, require, verify-ca, verify-full")
        }
        tlsMode = mode
        rootCertificatePath = query["sslrootcert"].flatMap { $0.isEmpty ? nil : $0 }

        let urlPassword = query["password"] ?? components.percentEncodedPassword.flatMap { $0.removingPercentEncoding }
        password = urlPassword
            ?? environment["PGPASSWORD"].flatMap { $0.isEmpty ? nil : $0 }
            ?? PasswordFile.password(
                host: host, port: port, database: database, user: user,
                path: environment["PGPASSFILE"] ?? environment["HOME"].map { $0 + "/.pgpass" })
    }

    /// Whether the host is a socket directory rather than a TCP host.
    public var isUnixSocket: Bool { host.hasPrefix("/") }

    /// The server's socket file when ``isUnixSocket``.
    public var socketPath: String { host + "/.s.PGSQL.\(port)" }

    /// The URL without its password, as messages show it: `postgres://user@host:port/database`.
    public var redacted: String {
        var text = "postgres://\(Self.encode(user))@"
        if isUnixSocket {
            text += "/\(Self.encode(database))?host=\(host)"
            if port != 5432 { text += "&port=\(port)" }
        } else {
            text += (host.contains(":") ? "[\(host)]" : host) + (port == 5432 ? "" : ":\(port)") + "/\(Self.encode(database))"
        }
        if tlsMode != .prefer { text += (text.contains("?") ? "&" : "?") + "sslmode=\(tlsMode.rawValue)" }
        return text
    }

    private static func encode(_ part: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return part.addingPercentEncoding(withAllowedCharacters: allowed) ?? part
    }
}

extension PostgresURL: CustomStringConvertible {
    /// The redacted URL: a password never reaches a message by accident.
    public var description: String { redacted }
}

/// A PostgreSQL URL that cannot be read (or a test cluster that is not there); the message never contains the password.
public struct PostgresURLError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong.
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}

/// libpq's password file: lines of `host:port:database:user:password`, `*` matching anything, `\:` and `\\` escaped.
/// Ignored unless only its owner can read it, as libpq does.
enum PasswordFile {
    static func password(host: String, port: Int, database: String, user: String, path: String?) -> String? {
        guard let path, let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              let permissions = (attributes[.posixPermissions] as? NSNumber)?.intValue, permissions & 0o077 == 0,
              let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        // A socket directory matches the entry `localhost`, as in libpq.
        let hostName = host.hasPrefix("/") ? "localhost" : host
        let wanted = [hostName, String(port), database, user]
        for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            let fields = split(String(line))
            guard fields.count == 5 else { continue }
            if zip(fields.prefix(4), wanted).allSatisfy({ $0 == "*" || $0 == $1 }) { return fields[4] }
        }
        return nil
    }

    /// Splits a line at unescaped colons, removing the escapes.
    static func split(_ line: String) -> [String] {
        var fields: [String] = []
        var current = ""
        var escaped = false
        for character in line {
            if escaped {
                current.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == ":" && fields.count < 4 {
                fields.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        fields.append(current)
        return fields
    }
}
