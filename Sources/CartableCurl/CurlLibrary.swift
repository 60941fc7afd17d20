import CCurl

/// The libcurl this program is linked against.
public enum CurlLibrary {
    /// libcurl's version and TLS backend, e.g. `libcurl/7.88.1 OpenSSL/3.0.15`.
    public static var versionDescription: String {
        String(cString: curl_version())
    }
}
