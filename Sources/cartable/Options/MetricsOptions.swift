import ArgumentParser

/// `--metrics-port` and `--metrics-host`: the metrics' own listener (`GET /metrics`, the Prometheus text format), apart
/// from the supporters' page and on loopback unless told otherwise (docs/operations.md, Metrics).
struct MetricsOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "Serve Prometheus metrics at http://HOST:PORT/metrics on this port (0: any free port, printed); none without it.",
        valueName: "port"))
    var metricsPort: Int?

    @Option(name: .long, help: ArgumentHelp(
        "The address the metrics listen on (127.0.0.1: this machine only; 0.0.0.0 for a Prometheus elsewhere, behind a firewall).",
        valueName: "host"))
    var metricsHost = "127.0.0.1"

    func validate() throws {
        if let metricsPort, !(0...65_535).contains(metricsPort) {
            throw ValidationError("--metrics-port must be between 0 and 65535")
        }
    }

    /// `http://HOST:PORT/metrics`, IPv6 addresses in brackets.
    func address(port: Int) -> String {
        let shown = metricsHost.contains(":") ? "[\(metricsHost)]" : metricsHost
        return "http://\(shown):\(port)/metrics"
    }
}
