import Cartable
import Foundation
import Mustache

/// Issue 4's figures: messages composed and validated per second on one core, the compiled templates against
/// swift-mustache, the HTML report of the 577 deputies, and (``LargeListBenchmark``) the commands over a million
/// recipients.
enum ComposeBenchmark {
    static let campaignPath = "Campaigns/sensetwitt-2012.yml"

    static func run(cartableBinary: String, scratchDirectory: URL) throws {
        print("Composer and preview (one core, release build)")
        let file = CampaignFile.load(contentsOf: URL(fileURLWithPath: campaignPath), displayPath: campaignPath)
        guard let campaign = file.campaign else {
            print("  cannot load \(campaignPath): \(file.diagnostics.map(\.description).joined(separator: "; "))")
            return
        }
        let recipientCount = 1_000_000
        let recipients = GeneratedDeputies.make(count: recipientCount)
        let composer = Composer(campaign: campaign)

        // Compose and validate: render, fit, measure, intent link and key, as a preview or a send does.
        var checksum = 0, messages = 0, valid = 0
        for message in composer.messages(for: recipients.prefix(20_000)) { checksum &+= message.measurement.weightedLength }
        var best = (cpu: Double.infinity, wall: Double.infinity)
        for _ in 0..<3 {
            messages = 0
            valid = 0
            let start = ThreadClock.seconds
            let wall = Stopwatch.seconds {
                for message in composer.messages(for: recipients) {
                    messages += 1
                    if message.isValid { valid += 1 }
                    checksum &+= message.measurement.weightedLength
                }
            }
            best = (min(best.cpu, ThreadClock.seconds - start), min(best.wall, wall))
        }
        report("compose + validate, 2012 templates, \(formatted(Double(recipientCount))) recipients",
               "\(formatted(Double(messages) / best.cpu)) messages/s  (CPU time; \(formatted(Double(messages) / best.wall))/s wall; \(formatted(Double(messages))) messages, \(valid) valid, checksum \(checksum % 1000))")

        if ProcessInfo.processInfo.environment["CARTABLE_BENCH_ONLY"]?.contains("large") != true {
            try compareRenderers(campaign, recipients: Array(recipients.prefix(200_000)))
            try htmlReport(campaign)
        }
        try LargeListBenchmark.run(recipients, campaignPath: campaignPath, composeRate: Double(messages) / best.cpu,
                                   binary: cartableBinary, scratch: scratchDirectory)
    }

    /// The compiled program against a general Mustache engine and the parsed tree, on the 2012 templates: each
    /// gets the recipient's values the way it needs them (the engines a dictionary built per message).
    private static func compareRenderers(_ campaign: Campaign, recipients: [Recipient]) throws {
        let composer = Composer(campaign: campaign)
        let mustache = try campaign.templates.map { try MustacheTemplate(string: "{{% CONTENT_TYPE: TEXT}}\n" + $0.text.source) }
        let ids = campaign.templates.map(\.id)
        let count = recipients.count
        var compiled: [String] = [], viaMustache: [String] = [], viaTree: [String] = []
        compiled.reserveCapacity(count)
        viaMustache.reserveCapacity(count)
        viaTree.reserveCapacity(count)
        let compiledTime = Stopwatch.seconds {
            for (index, recipient) in recipients.enumerated() {
                compiled.append(composer.text(ofVariant: ids[index % ids.count], for: recipient) ?? "")
            }
        }
        let mustacheTime = Stopwatch.seconds {
            for (index, recipient) in recipients.enumerated() {
                let body = mustache[index % ids.count].render(campaign.templateValues(for: recipient))
                viaMustache.append(campaign.addressing.prefix(mention: recipient.mention(on: campaign.channel)) + Campaign.tidy(body))
            }
        }
        let treeTime = Stopwatch.seconds {
            for (index, recipient) in recipients.enumerated() {
                let body = campaign.templates[index % ids.count].text.render(campaign.templateValues(for: recipient))
                viaTree.append(campaign.addressing.prefix(mention: recipient.mention(on: campaign.channel)) + Campaign.tidy(body))
            }
        }
        let same = zip(compiled, zip(viaMustache, viaTree)).filter { $0 == $1.0 && $0 == $1.1 }.count
        report("render, compiled program", "\(formatted(Double(count) / compiledTime)) renders/s")
        report("render, swift-mustache (text mode)", "\(formatted(Double(count) / mustacheTime)) renders/s")
        report("render, parsed tree + dictionary", "\(formatted(Double(count) / treeTime)) renders/s")
        report("  identical renderings", "\(same)/\(count)\(same == count ? "" : "  MISMATCH")")
    }

    /// Composes the 577-deputy batch of 2012 and writes its HTML report.
    private static func htmlReport(_ campaign: Campaign) throws {
        let list = try RecipientList.load(contentsOf: campaign.recipients.url, mapping: campaign.recipients.mapping)
        let composer = Composer(campaign: campaign)
        var size = 0
        var best = Double.infinity
        for _ in 0..<5 {
            best = min(best, Stopwatch.seconds {
                var renderer = PreviewRenderer(format: .html, campaign: campaign)
                let summary = PreviewRun.run(composer, recipients: list.recipients) { _ = renderer.add($0) }
                size = renderer.end(summary).utf8.count
            })
        }
        report("HTML report, \(list.recipients.count) deputies of 2012", "\(String(format: "%.1f", best * 1000)) ms  (\(size / 1024) KiB)")
    }
}

/// The CPU time of the calling thread: on a machine shared with other work, it counts the time spent composing,
/// not the time spent waiting for a core.
enum ThreadClock {
    static var seconds: Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}

/// A deterministic list of deputies as large as asked, shaped like the 2012 Assembly: its groups in their
/// proportions, French names and departments, nine in ten with an X handle.
enum GeneratedDeputies {
    private static let groups = [("SRC", 294), ("UMP", 196), ("UDI", 29), ("ECOLO", 18), ("RRDP", 15), ("GDR", 15), ("NI", 10)]
    private static let firstNames = ["Jérôme", "Marie", "Laurence", "Éric", "Nathalie", "François", "Sophie", "Jean-Marc", "Anne-Laure", "Abdelkader"]
    private static let lastNames = ["Guedj", "Abeille", "Accoyer", "Alauzet", "Appéré", "de La Verpillière", "Dupont-Aignan", "Le Roch", "Longnameson", "Nestor Azerot"]
    private static let departments = [("01", "Ain"), ("13", "Bouches-du-Rhône"), ("2A", "Corse-du-Sud"), ("59", "Nord"), ("75", "Paris"), ("91", "Essonne"), ("974", "La Réunion"), ("99", "Français établis hors de France")]

    static func make(count: Int) -> [Recipient] {
        var random = SeededRandom(seed: 577)
        let groupTable = groups.flatMap { Array(repeating: $0.0, count: $0.1) }
        return (0..<count).map { index in
            let first = firstNames[random.next(firstNames.count)], last = lastNames[random.next(lastNames.count)]
            let department = departments[random.next(departments.count)]
            let handleLength = 5 + random.next(11)
            let handle = random.next(10) == 0 ? nil : String((String(first.prefix(3)) + String(last.filter(\.isLetter)) + "\(index)").filter { $0.isASCII && ($0.isLetter || $0.isNumber) }.suffix(handleLength))
            return Recipient(
                id: "gen-\(index)", name: "\(first) \(last)", firstName: first, lastName: last, twitter: handle,
                group: groupTable[random.next(groupTable.count)], department: department.0, departmentName: department.1,
                constituency: 1 + random.next(20))
        }
    }

    /// Writes `recipients` in Cartable's CSV format, in blocks.
    static func writeCSV(_ recipients: [Recipient], to url: URL) throws {
        _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        let file = try FileHandle(forWritingTo: url)
        defer { try? file.close() }
        var block = "id,name,first_name,last_name,group,department,department_name,constituency,twitter\n"
        for recipient in recipients {
            block += [recipient.id, recipient.name, recipient.firstName ?? "", recipient.lastName ?? "", recipient.group ?? "",
                      recipient.department ?? "", recipient.departmentName ?? "", recipient.constituency.map(String.init) ?? "",
                      recipient.twitter ?? ""].joined(separator: ",") + "\n"
            if block.utf8.count > 1 << 20 {
                try file.write(contentsOf: Data(block.utf8))
                block = ""
            }
        }
        try file.write(contentsOf: Data(block.utf8))
    }
}
