using System.Text.Json;
using Nido.Vmm.Api.Http;

namespace Nido.Vmm.Api;

/// <summary>An API call refused with Firecracker's wording and status.</summary>
public sealed class ApiException(string message, int status = 400) : Exception(message)
{
    public int Status { get; } = status;
}

public static class ApiErrors
{
    public const string NotAfterBoot = "The requested operation is not supported after starting the microVM.";
    public const string NotBeforeBoot = "The requested operation is not supported before starting the microVM.";

    public static HttpResponse Fault(int status, string message) =>
        new(status, JsonSerializer.SerializeToUtf8Bytes(new Fault(message), ApiJson.Context.Fault));

    public static ApiException Missing(string field) => new($"missing field `{field}`");
}
