import Hummingbird

/// Reads a form's body, refusing one over the limit (413) before reading further.
enum FormBody {
    static func read(_ request: Request, limit: Int) async throws -> FormFields {
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: limit)
        } catch {
            throw SiteError.tooLarge
        }
        return FormFields(Substring(String(buffer: buffer)))
    }
}
