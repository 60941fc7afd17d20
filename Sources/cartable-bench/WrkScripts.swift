import Foundation

/// The Lua scripts `wrk -s` runs for the POST calls, written into the scratch folder.
///
/// Each wrk thread numbers its requests; a request's `X-Forwarded-For` address is on a /24 of its own (the server
/// runs with `--trust-forwarded-for`), as many supporters behind a proxy are, so the per-address limits are checked
/// and not reached. Every POST carries the server's own `Origin`, as the page's forms do.
enum WrkScripts {
    /// POSTs of one French text to the measure call.
    static func measure(path: String, origin: String, in folder: URL) throws -> URL {
        let body = #"{"text": "Bonjour @depute ! L'économie sociale et solidaire emploie près d'un salarié sur dix. Nos propositions : https://example.org/propositions-ess #ESS"}"#
        // The requests are made once per wrk thread, before the run: built in each request() call, wrk's Lua took a
        // share of the two cores the server shares with it, which the hello route's plain GETs do not. 65,536
        // addresses a thread, each its own /24, stay under the measure call's limits at the bench's rates.
        return try write("measure.lua", in: folder, common(origin: origin) + """
            local requests = {}
            function init(args)
              for i = 0, 65535 do
                counter = i
                local headers = common_headers()
                headers["Content-Type"] = "application/json"
                requests[i + 1] = wrk.format("POST", "\(path)", headers, [[\(body)]])
              end
              counter = 0
            end
            request = function()
              counter = counter + 1
              return requests[(counter % 65536) + 1]
            end

            """)
    }

    /// The "send it through the campaign's account" form, each request from a new supporter (its own cookie) to the
    /// next deputy of `deputies`: each one is a new message.
    static func sends(campaignPath: String, deputies: [String], origin: String, in folder: URL) throws -> URL {
        let list = deputies.map { "\"\($0)\"" }.joined(separator: ",")
        let run = String(UInt32.random(in: 0...UInt32.max), radix: 36)
        return try write("sends.lua", in: folder, common(origin: origin) + """
            local deputies = {\(list)}
            request = function()
              counter = counter + 1
              local headers = common_headers()
              headers["Content-Type"] = "application/x-www-form-urlencoded"
              headers["Cookie"] = "cartable_supporter=bench-\(run)-" .. thread_number .. "-" .. counter
              local deputy = deputies[(counter % #deputies) + 1]
              return wrk.format("POST", "\(campaignPath)/d/" .. deputy .. "/send", headers, "turn=0")
            end

            """)
    }

    private static func common(origin: String) -> String {
        """
        local threads = {}
        function setup(thread)
          table.insert(threads, thread)
          thread:set("thread_number", #threads)
        end
        thread_number = 0
        counter = 0
        function common_headers()
          local headers = {}
          headers["Origin"] = "\(origin)"
          headers["X-Forwarded-For"] = string.format("%d.%d.%d.7", 10 + thread_number, math.floor(counter / 256) % 256, counter % 256)
          return headers
        end

        """
    }

    private static func write(_ name: String, in folder: URL, _ script: String) throws -> URL {
        let url = folder.appendingPathComponent(name)
        try script.write(to: url, atomically: true, encoding: .utf8)
        return url
    }
}
