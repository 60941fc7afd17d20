import CCurl

/// libcurl's process-wide initialisation, done exactly once before the first handle is made.
enum CurlGlobal {
    // A static let initialiser runs once, thread-safely: curl_global_init must not race with itself.
    private static let initialized: Bool = curl_global_init(Int(CURL_GLOBAL_ALL)) == CURLE_OK

    /// Initialises libcurl if nobody has yet; returns whether libcurl accepted it.
    @discardableResult
    static func ensureInitialized() -> Bool {
        initialized
    }
}
