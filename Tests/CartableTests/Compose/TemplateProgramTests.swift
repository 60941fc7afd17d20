import Foundation
import Mustache
import Testing
@testable import Cartable

/// The composer renders with its own compiled program; these tests hold it to a full Mustache engine
/// (swift-mustache, in text mode) and to the parsed template's own renderer.
@Suite("Compiled templates")
struct TemplateProgramTests {
    /// Renders `template` for `recipient` the three ways, before tidying: compiled, tree-walked, swift-mustache.
    static func renderings(_ template: TemplateText, campaign: Campaign, recipient: Recipient) throws -> (compiled: String, tree: String, mustache: String) {
        var values = campaign.templateValues(for: recipient)
        values[CampaignFile.optionalSection] = "true"
        let program = TemplateProgram(template, campaign: campaign)
        var text = RawText()
        program.render(for: recipient, mention: recipient.mention(on: campaign.channel), keptOptionalParts: .max, into: &text.buffer)
        let mustache = try MustacheTemplate(string: "{{% CONTENT_TYPE: TEXT}}\n" + template.source)
        return (text.buffer.rawBody, template.render(values), mustache.render(values))
    }

    /// A buffer that keeps spaces as they come, to compare raw renderings.
    struct RawText {
        var buffer = MessageText(foldingSpaces: false)
    }

    static let tricky = [
        "Bonjour {{name}} !",
        "{{#group}}Groupe {{group}}. {{/group}}{{^group}}Sans groupe. {{/group}}{{name}}",
        "{{first_name}}{{^first_name}}Madame, Monsieur{{/first_name}}, {{group}} {{department_name}} : {{link}} {{hashtags}}",
        "{{#department}}{{#constituency}}{{department}}-{{constituency}}{{/constituency}}{{/department}} {{! comment }}fin",
        "{{{name}}} & {{& group}} <b>{{title}}</b> \"{{organiser}}\"",
        "Ligne 1\n{{#group}}\nGroupe {{group}}\n{{/group}}\n  {{^group}}  \nSans groupe\n  {{/group}}\nFin {{handle}}",
        "{{! seul sur sa ligne }}\nBonjour\n{{#link}}\n{{link}}\n{{/link}}",
        "{{#optional}}Optionnel {{name}} {{/optional}}reste {{#hashtags}}{{hashtags}}{{/hashtags}}{{^hashtags}}aucun{{/hashtags}}",
        "{{#title}}{{title}}{{/title}}{{^link}}pas de lien{{/link}}{{#nothing}}x{{/nothing}}{{last_name}}",
        "   {{name}}   {{group_name}}   ",
    ]

    @Test(arguments: tricky)
    func compiledTemplatesRenderLikeMustache(source: String) throws {
        let template = TemplateText(source)
        #expect(template.problems.isEmpty)
        let campaign = try ComposeFixtures.campaign(templates: "  - \"x\"")
        var withoutLink = campaign
        withoutLink.link = nil
        withoutLink.hashtags = []
        let people = [
            Recipient(id: "a", name: "Jérôme Guedj", firstName: "Jérôme", lastName: "Guedj", twitter: "JeromeGuedj", group: "SOC",
                      groupName: "Socialistes & apparentés", department: "91", departmentName: "Essonne", constituency: 6),
            Recipient(id: "b", name: "<script>alert(1)</script>", twitter: "x"),
            Recipient(id: "c", name: "Sans Rien"),
        ]
        for recipient in people {
            for campaign in [campaign, withoutLink] {
                let result = try Self.renderings(template, campaign: campaign, recipient: recipient)
                #expect(result.compiled == result.mustache, "\(source.debugDescription) for \(recipient.id)")
                #expect(result.tree == result.mustache, "\(source.debugDescription) for \(recipient.id)")
            }
        }
    }

    @Test func theShippedTemplatesRenderLikeMustacheForEveryRecipient() throws {
        var checked = 0
        for name in ["sensetwitt-2012.yml", "ess-2026.yml"] {
            let (campaign, targets) = try ComposeFixtures.shipped(name)
            for variant in campaign.templates {
                for recipient in targets {
                    let result = try Self.renderings(variant.text, campaign: campaign, recipient: recipient)
                    #expect(result.compiled == result.mustache, "\(name) \(variant.id) for \(recipient.id)")
                    checked += 1
                }
            }
        }
        #expect(checked > 5000)
        print("compiled templates vs swift-mustache: \(checked)/\(checked) renderings identical")
    }

    @Test func campaignValuesAreFoldedIntoLiteralsAndTheirSectionsDecidedOnce() throws {
        let campaign = try ComposeFixtures.campaign(templates: "  - \"x\"")
        let program = TemplateProgram(TemplateText("{{title}} {{#link}}{{link}}{{/link}}{{^hashtags}}no{{/hashtags}} {{name}}"), campaign: campaign)
        #expect(program.steps.count == 2, "one literal, one field")
    }
}
