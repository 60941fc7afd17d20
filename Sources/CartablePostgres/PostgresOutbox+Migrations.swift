import Cartable
import Foundation
import PostgresNIO

/// Where a database's schema stands against the migrations this Cartable knows.
public struct PostgresSchemaStatus: Sendable, Hashable {
    /// The versions recorded in `cartable_migration`, in order.
    public var applied: [Int]
    /// The versions this Cartable knows and the database lacks, in order.
    public var pending: [Int]
    /// Versions the database has and this Cartable does not know (written by a newer Cartable).
    public var unknown: [Int]

    /// Whether the outbox can be used as it is.
    public var isCurrent: Bool { pending.isEmpty && unknown.isEmpty }
}

extension PostgresOutbox {
    /// Whether `cartable_migration` exists (a statement naming a missing table fails as it is parsed).
    static let migrationTableExists = PostgresStatement("SELECT to_regclass('cartable_migration') IS NOT NULL")
    static let appliedVersionsStatement = PostgresStatement("SELECT version FROM cartable_migration ORDER BY version")

    /// The versions in `cartable_migration` (none when the table is missing).
    static func appliedVersions(_ session: PostgresSession) async throws -> [Int] {
        guard let exists = try await session.run(migrationTableExists).rows.first, try PostgresCells(exists)[0, as: Bool.self] else { return [] }
        return try await session.run(appliedVersionsStatement).rows.map { try PostgresCells($0)[0, as: Int.self] }
    }

    /// ``appliedVersions(_:)``, blocking this thread.
    static func blockingAppliedVersions(_ session: PostgresSession) throws -> [Int] {
        guard let exists = try session.blockingRun(migrationTableExists).rows.first, try PostgresCells(exists)[0, as: Bool.self] else { return [] }
        return try session.blockingRun(appliedVersionsStatement).rows.map { try PostgresCells($0)[0, as: Int.self] }
    }

    static func status(applied: [Int]) -> PostgresSchemaStatus {
        let known = Set(PostgresSchema.migrations.map(\.version))
        return PostgresSchemaStatus(
            applied: applied, pending: PostgresSchema.migrations.map(\.version).filter { !applied.contains($0) },
            unknown: applied.filter { !known.contains($0) })
    }

    /// Throws unless every known migration is applied and none unknown is.
    func checkSchema(applied: [Int]) throws(OutboxError) {
        let status = Self.status(applied: applied)
        if !status.unknown.isEmpty {
            throw OutboxError(
                path: location, kind: .notAnOutbox,
                message: "this outbox's schema was migrated by a newer Cartable (version \(status.unknown.map(String.init).joined(separator: ", ")))",
                hint: "use that version of Cartable with this database")
        }
        if !status.pending.isEmpty {
            let what = status.applied.isEmpty
                ? "this database has no outbox yet"
                : "this outbox's schema is at version \(status.applied.max() ?? 0), this Cartable needs \(PostgresSchema.latestVersion)"
            throw OutboxError(path: location, kind: .pendingMigrations, message: "\(what) (migrations pending: \(status.pending.map(String.init).joined(separator: ", ")))",
                              hint: "apply the outbox's migrations first")
        }
    }

    /// Where the database's schema stands.
    public func schemaStatus() async throws(OutboxError) -> PostgresSchemaStatus {
        try await translatingErrors("reading the outbox's schema") {
            Self.status(applied: try await connections.transaction { try await Self.appliedVersions($0) })
        }
    }

    /// Applies the missing migrations, in order, in one transaction (PostgreSQL's DDL is transactional: a failure
    /// leaves the schema as it was). Two processes migrating at once take turns on an advisory lock; the second finds
    /// nothing left to do. Returns the versions applied now.
    /// - Throws: ``OutboxError``; `notAnOutbox` when the database was migrated by a newer Cartable.
    @discardableResult
    public func migrate() async throws(OutboxError) -> [Int] {
        try await translatingErrors("migrating the outbox") {
            try await connections.transaction(timeLimit: nil) { session in
                try await session.execute("SELECT pg_advisory_xact_lock(hashtextextended('cartable:migrations', 0))")
                try await session.execute(PostgresSchema.migrationTable)
                let status = Self.status(applied: try await Self.appliedVersions(session))
                if !status.unknown.isEmpty { try checkSchema(applied: status.applied) }
                var applied: [Int] = []
                for migration in PostgresSchema.migrations where status.pending.contains(migration.version) {
                    for sql in migration.statements { try await session.execute(sql) }
                    var record = PostgresStatement()
                    let version = record.bind(Int64(migration.version))
                    let name = record.bind(migration.name)
                    record.append("INSERT INTO cartable_migration (version, name) VALUES (\(version), \(name))")
                    try await session.run(record)
                    applied.append(migration.version)
                }
                return applied
            }
        }
    }
}

extension PostgresSchema.Migration {
    /// The migration's statements one by one (the extended protocol runs one statement at a time).
    var statements: [String] {
        sql.components(separatedBy: ";\n").map { statement in
            var text = statement.trimmingCharacters(in: .whitespacesAndNewlines)
            if text.hasSuffix(";") { text.removeLast() }
            return text
        }.filter { statement in
            // A piece made only of comments is no statement.
            !statement.split(separator: "\n").allSatisfy { $0.trimmingCharacters(in: .whitespaces).hasPrefix("--") || $0.trimmingCharacters(in: .whitespaces).isEmpty }
        }
    }
}
