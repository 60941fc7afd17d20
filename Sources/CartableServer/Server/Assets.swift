import Foundation

/// The page's two static files, `cartable.css` and `cartable.js`, read once from the module's resources and
/// served from `/assets/`.
public struct Assets: Sendable {
    /// The stylesheet.
    let stylesheet: String
    /// The script: the live counter, search as you type, and the frame's height for the parent page.
    let script: String

    /// Why the assets could not be read.
    public struct Missing: Error, CustomStringConvertible {
        /// The file that is missing.
        public var file: String
        /// `cannot read the page's FILE`.
        public var description: String { "cannot read the page's \(file) (the CartableServer resources are missing next to the binary)" }
    }

    /// Reads the files shipped with the module.
    public static func bundled() throws(Missing) -> Assets {
        func read(_ name: String, _ ext: String) throws(Missing) -> String {
            guard let url = Bundle.module.url(forResource: name, withExtension: ext, subdirectory: "Assets"),
                  let text = try? String(contentsOf: url, encoding: .utf8) else { throw Missing(file: "\(name).\(ext)") }
            return text
        }
        return Assets(stylesheet: try read("cartable", "css"), script: try read("cartable", "js"))
    }
}
