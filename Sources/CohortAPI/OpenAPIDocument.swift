/// The OpenAPI document this package's server serves at `/openapi.yaml`.
///
/// The same file drives swift-openapi-generator, so the bytes served, the server's handler
/// protocol and the client's methods all come from one source.
public enum OpenAPIDocument {
    /// The contents of `openapi.yaml`, embedded in the binary at build time.
    public static var yaml: [UInt8] { PackageResources.openapi_yaml }
}
