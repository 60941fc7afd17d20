/// Why a string is not a usable http(s) base URL. Never contains the URL itself.
public enum HTTPEndpointError: Error, Sendable, Hashable, CustomStringConvertible {
    case notAURL, unsupportedScheme, missingHost, containsCredentials, containsFragment, invalidPort

    public var description: String {
        switch self {
        case .notAURL: "is not a URL"
        case .unsupportedScheme: "must start with http:// or https://"
        case .missingHost: "has no host"
        case .containsCredentials: "must not contain a user name or password"
        case .containsFragment: "must not contain a #fragment"
        case .invalidPort: "has a port outside 1–65535"
        }
    }
}
