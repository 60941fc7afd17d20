import Cartable
import CartableCurl

print("cartable-bench \(CartableVersion.current) (\(CurlLibrary.versionDescription))")
