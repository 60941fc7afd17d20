import Cartable
import Foundation

/// The day's sends per minute as an inline SVG bar chart, drawn here (no library, no outside request): one thin bar
/// per minute that had sends, over the 24 hours of the day, with the hours marked every six.
struct SendsChart: Sendable {
    var day: OutboxDay
    var language: Language

    /// Width of the drawing: half a unit per minute of the day.
    static let width = 720.0
    /// Height of the tallest bar.
    static let barHeight = 120.0

    /// The `<svg>`, or a sentence when nothing was sent.
    var html: HTML {
        let total = day.sent
        guard total > 0 else { return "<p class=\"quiet\">\(AdminPhrase.chartEmpty.text(language))</p>" }
        let peak = day.sentPerMinute.map(\.sent).max() ?? 1
        let minutes = day.end.timeIntervalSince(day.start) / 60
        let scale = Self.width / max(minutes, 1)
        var path = ""
        for point in day.sentPerMinute {
            let x = (point.minute.timeIntervalSince(day.start) / 60).rounded(.down) * scale
            let height = max(1, Self.barHeight * Double(point.sent) / Double(peak))
            path += "M\(Self.format(x)) \(Self.format(Self.barHeight))V\(Self.format(Self.barHeight - height))"
        }
        let label = AdminPhrase.chartLabel.text(language, language.number(total), language.number(peak))
        var ticks: [HTML] = []
        for hour in stride(from: 0, through: 24, by: 6) {
            let x = Self.format(Double(hour * 60) * scale)
            let anchor = hour == 0 ? "start" : hour == 24 ? "end" : "middle"
            let bottom = Self.format(Self.barHeight), tickEnd = Self.format(Self.barHeight + 4), labelAt = Self.format(Self.barHeight + 18)
            let hourText = String(format: "%02d:00", hour)
            ticks.append("<line class=\"tick\" x1=\"\(x)\" y1=\"\(bottom)\" x2=\"\(x)\" y2=\"\(tickEnd)\"/><text x=\"\(x)\" y=\"\(labelAt)\" text-anchor=\"\(anchor)\">\(hourText)</text>")
        }
        return """
            <svg class="sends" viewBox="0 -4 \(Self.format(Self.width)) \(Self.format(Self.barHeight + 26))" role="img" aria-label="\(label)">\
            <title>\(label)</title>\
            <line class="axis" x1="0" y1="\(Self.format(Self.barHeight))" x2="\(Self.format(Self.width))" y2="\(Self.format(Self.barHeight))"/>\
            \(ticks)<path class="bars" d="\(path)"/></svg>
            """
    }

    private static func format(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
    }
}
