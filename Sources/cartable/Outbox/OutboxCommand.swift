import ArgumentParser

/// `cartable outbox`: look after the outbox itself (its schema; moving it between SQLite and PostgreSQL).
struct OutboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outbox",
        abstract: "Look after the outbox itself: apply its migrations, copy it between SQLite and PostgreSQL.",
        discussion: """
            The outbox is an SQLite file (the default, .cartable/outbox.sqlite) or, for many servers and senders \
            on many machines, a PostgreSQL database named by a postgres:// URL. See docs/outbox.md.
            """,
        subcommands: [OutboxMigrate.self, OutboxCopyCommand.self]
    )
}
