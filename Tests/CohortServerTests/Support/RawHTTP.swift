import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// One request to a server started as a separate process, with a token: status and parsed body.
func http(
    _ method: HTTPMethod = .GET, _ url: String, json: String? = nil, token: String, timeout: TimeAmount = .seconds(30)
) async throws -> (status: Int, body: JSON?) {
    let (status, text) = try await httpText(method, url, json: json, token: token, timeout: timeout)
    return (status, try? JSON(parsing: Data(text.utf8)))
}

/// The same, with the body as text: for answers compared byte for byte.
func httpText(
    _ method: HTTPMethod = .GET, _ url: String, json: String? = nil, token: String, timeout: TimeAmount = .seconds(30)
) async throws -> (status: Int, text: String) {
    var request = HTTPClientRequest(url: url)
    request.method = method
    request.headers.add(name: "Authorization", value: "Token \(token)")
    if let json {
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(string: json))
    }
    let response = try await HTTPClient.shared.execute(request, timeout: timeout)
    let body = try await response.body.collect(upTo: 64 * 1024 * 1024)
    return (Int(response.status.code), String(buffer: body))
}
