namespace Nido.Oci.Image;

/// <summary>The media types of the OCI image spec and the Docker v2 schema 2 types registries still serve.</summary>
public static class MediaTypes
{
    public const string OciIndex = "application/vnd.oci.image.index.v1+json";
    public const string OciManifest = "application/vnd.oci.image.manifest.v1+json";
    public const string OciConfig = "application/vnd.oci.image.config.v1+json";
    public const string OciLayer = "application/vnd.oci.image.layer.v1.tar";
    public const string OciLayerGzip = "application/vnd.oci.image.layer.v1.tar+gzip";
    public const string OciLayerZstd = "application/vnd.oci.image.layer.v1.tar+zstd";
    public const string OciLayerNondistributableGzip = "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip";
    public const string DockerManifestList = "application/vnd.docker.distribution.manifest.list.v2+json";
    public const string DockerManifest = "application/vnd.docker.distribution.manifest.v2+json";
    public const string DockerConfig = "application/vnd.docker.container.image.v1+json";
    public const string DockerLayerGzip = "application/vnd.docker.image.rootfs.diff.tar.gzip";
    public const string DockerForeignLayerGzip = "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip";

    public static bool IsIndex(string? type) => type is OciIndex or DockerManifestList;

    public static bool IsManifest(string? type) => type is OciManifest or DockerManifest;

    /// <summary>The compression a layer media type names: "gzip", "zstd" or "" (plain tar); null for a type that is not a layer.</summary>
    public static string? LayerCompression(string? type) => type switch
    {
        OciLayer or "application/vnd.oci.image.layer.nondistributable.v1.tar" => "",
        OciLayerGzip or OciLayerNondistributableGzip or DockerLayerGzip or DockerForeignLayerGzip => "gzip",
        OciLayerZstd or "application/vnd.oci.image.layer.nondistributable.v1.tar+zstd" => "zstd",
        _ => null,
    };
}
