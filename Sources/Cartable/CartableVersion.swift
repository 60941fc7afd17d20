/// The version of the Cartable library and command-line tool.
public enum CartableVersion {
    /// Semantic version string.
    public static let current = "0.1.0"
}
