import Cartable

/// The length gauge under a message: `117/140` measured by the library's length engine, green under 90 %, amber
/// to 100 %, red over, with the excess said in words.
struct LengthGauge: Sendable {
    var language: Language

    func html(_ measurement: Measurement, profile: String) -> HTML {
        let level = measurement.excess > 0 ? "over" : measurement.weightedLength * 10 >= measurement.maxLength * 9 ? "near" : "ok"
        let verdict = measurement.excess > 0 ? language.text(.overBy, language.number(measurement.excess)) : language.text(.fits)
        let shown = min(measurement.weightedLength, measurement.maxLength)
        return """
            <p class="gauge \(level)" id="gauge" data-profile="\(profile)">\
            <span class="label">\(language.text(.gaugeLabel))</span> \
            <meter min="0" max="\(measurement.maxLength)" value="\(shown)" aria-hidden="true"></meter> \
            <span class="count" id="count">\(measurement.weightedLength)/\(measurement.maxLength)</span> \
            <span class="verdict" id="verdict">\(verdict)</span></p>
            """
    }
}
