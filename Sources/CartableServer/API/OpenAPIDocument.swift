/// The API's description, served at `/openapi.json` (OpenAPI 3.1). Kept beside the routes it describes;
/// `OpenAPIDocumentTests` checks that every path it names answers.
enum OpenAPIDocument {
    static let json = #"""
    {
      "openapi": "3.1.0",
      "info": {
        "title": "Cartable supporters' API",
        "version": "1",
        "description": "The JSON calls beside the supporters' pages of `cartable serve` (docs/serve.md). A supporter is the random id in the `cartable_supporter` cookie, set on the first answer. Every POST must come from the server's own origin (or a campaign's `web.embed_origins`): `Origin` or `Referer`, else 403. Bodies over 16 KiB get 413; too many sends or measures from one address or network get 429 with `Retry-After`."
      },
      "paths": {
        "/api/c/{campaign}": {
          "get": {
            "summary": "The campaign and its satchel so far",
            "parameters": [{"$ref": "#/components/parameters/campaign"}],
            "responses": {
              "200": {"description": "The campaign", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Campaign"}}}},
              "404": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/api/c/{campaign}/deputies": {
          "get": {
            "summary": "Find deputies among the campaign's targets, or suggest some",
            "parameters": [
              {"$ref": "#/components/parameters/campaign"},
              {"name": "q", "in": "query", "schema": {"type": "string"}, "description": "A name, whole or partial (accents, case and word order ignored); also a department, postcode or group"},
              {"name": "department", "in": "query", "schema": {"type": "string"}, "description": "A department, by code (93, 2A) or name"},
              {"name": "postcode", "in": "query", "schema": {"type": "string"}, "description": "A postcode: its deputies (every one when it spans several seats)"},
              {"name": "suggest", "in": "query", "schema": {"type": "string", "enum": ["1"]}, "description": "Up to five targets who have received the fewest messages, not yet written to by this supporter, reachable, under the caps"}
            ],
            "responses": {
              "200": {"description": "What matched", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Deputies"}}}},
              "400": {"$ref": "#/components/responses/Error"},
              "404": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/api/c/{campaign}/d/{deputy}/message": {
          "get": {
            "summary": "The message composed for this supporter and deputy",
            "parameters": [
              {"$ref": "#/components/parameters/campaign"},
              {"$ref": "#/components/parameters/deputy"},
              {"name": "variant", "in": "query", "schema": {"type": "integer", "minimum": 0}, "description": "Which wording: 0 is the supporter's first, each next one is another (after the last, the first again)"}
            ],
            "responses": {
              "200": {"description": "The message", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Message"}}}},
              "404": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/api/c/{campaign}/measure": {
          "post": {
            "summary": "Measure a text as the platform counts it",
            "parameters": [{"$ref": "#/components/parameters/campaign"}],
            "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/MeasureRequest"}}}},
            "responses": {
              "200": {"description": "The measurement", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Measurement"}}}},
              "400": {"$ref": "#/components/responses/Error"},
              "403": {"$ref": "#/components/responses/Error"},
              "413": {"$ref": "#/components/responses/Error"},
              "429": {"$ref": "#/components/responses/TooMany"}
            }
          }
        },
        "/api/c/{campaign}/d/{deputy}/send": {
          "post": {
            "summary": "Send the campaign's wording through the campaign's account (web.send_through_campaign); once per supporter and deputy",
            "parameters": [{"$ref": "#/components/parameters/campaign"}, {"$ref": "#/components/parameters/deputy"}],
            "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/SendRequest"}}}},
            "responses": {
              "200": {"description": "What became of it", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/SendResult"}}}},
              "400": {"$ref": "#/components/responses/Error"},
              "403": {"$ref": "#/components/responses/Error"},
              "404": {"$ref": "#/components/responses/Error"},
              "413": {"$ref": "#/components/responses/Error"},
              "429": {"$ref": "#/components/responses/TooMany"}
            }
          }
        }
      },
      "components": {
        "parameters": {
          "campaign": {"name": "campaign", "in": "path", "required": true, "schema": {"type": "string"}, "description": "The campaign's id"},
          "deputy": {"name": "deputy", "in": "path", "required": true, "schema": {"type": "string"}, "description": "The deputy's id in the recipient list"}
        },
        "responses": {
          "Error": {"description": "Refused", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
          "TooMany": {
            "description": "Too many requests from this address or network",
            "headers": {"Retry-After": {"schema": {"type": "integer"}, "description": "Seconds to wait"}},
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
          }
        },
        "schemas": {
          "Error": {"type": "object", "required": ["error", "message"], "properties": {
            "error": {"type": "string", "enum": ["unknown-campaign", "unknown-deputy", "not-found", "bad-request", "foreign-origin", "too-large", "too-many-requests", "server-error"]},
            "message": {"type": "string"}}},
          "Campaign": {"type": "object", "required": ["id", "title", "organiser", "language", "channel", "profile", "maxLength", "sendThroughCampaign", "deputies", "satchel"], "properties": {
            "id": {"type": "string"}, "title": {"type": "string"}, "organiser": {"type": "string"}, "language": {"type": "string"},
            "channel": {"type": "string", "enum": ["twitter", "mastodon", "bluesky", "webhook"]}, "profile": {"type": "string"},
            "maxLength": {"type": "integer"}, "intro": {"type": "string"}, "sendThroughCampaign": {"type": "boolean"},
            "deputies": {"type": "integer"},
            "satchel": {"type": "object", "required": ["messages", "deputiesReached", "deputies"], "properties": {
              "messages": {"type": "integer"}, "deputiesReached": {"type": "integer"}, "deputies": {"type": "integer"}}}}},
          "Deputy": {"type": "object", "required": ["id", "name", "reachable"], "properties": {
            "id": {"type": "string"}, "name": {"type": "string"}, "group": {"type": "string"}, "department": {"type": "string"},
            "departmentName": {"type": "string"}, "constituency": {"type": "integer"}, "handle": {"type": "string"},
            "reachable": {"type": "boolean"}, "messagesSoFar": {"type": "integer"}}},
          "Deputies": {"type": "object", "required": ["understood", "notes", "deputies", "outsideTargets", "suggested"], "properties": {
            "understood": {"type": "array", "items": {"type": "string"}},
            "notes": {"type": "array", "items": {"type": "string"}},
            "deputies": {"type": "array", "items": {"$ref": "#/components/schemas/Deputy"}},
            "outsideTargets": {"type": "array", "items": {"type": "string"}},
            "suggested": {"type": "boolean"}}},
          "Message": {"type": "object", "required": ["deputy", "text", "variant", "variantCount", "weightedLength", "maxLength", "valid", "excess", "sendThroughCampaign"], "properties": {
            "deputy": {"$ref": "#/components/schemas/Deputy"}, "text": {"type": "string"}, "variant": {"type": "integer"},
            "variantID": {"type": "string"}, "variantCount": {"type": "integer"}, "weightedLength": {"type": "integer"},
            "maxLength": {"type": "integer"}, "valid": {"type": "boolean"}, "excess": {"type": "integer"},
            "intentURL": {"type": "string"}, "sendThroughCampaign": {"type": "boolean"}}},
          "MeasureRequest": {"type": "object", "required": ["text"], "properties": {
            "text": {"type": "string"}, "profile": {"type": "string", "description": "A length profile (default: the campaign's)"}}},
          "Measurement": {"type": "object", "required": ["profile", "weightedLength", "maxLength", "valid", "excess"], "properties": {
            "profile": {"type": "string"}, "weightedLength": {"type": "integer"}, "maxLength": {"type": "integer"},
            "valid": {"type": "boolean"}, "excess": {"type": "integer"}}},
          "SendRequest": {"type": "object", "properties": {
            "variant": {"type": "integer", "minimum": 0, "description": "Which of the campaign's wordings (as in /message)"}},
            "description": "Only the campaign's own wordings go through its account: a body with a text is refused (400)."},
          "SendResult": {"type": "object", "required": ["outcome", "text", "detail"], "properties": {
            "outcome": {"type": "string", "enum": ["queued", "already-written", "window-ended"]},
            "text": {"type": "string"}, "detail": {"type": "string"}, "state": {"type": "string"},
            "postURL": {"type": "string"}, "notBefore": {"type": "string", "format": "date-time"}}}
        }
      }
    }
    """#
}
