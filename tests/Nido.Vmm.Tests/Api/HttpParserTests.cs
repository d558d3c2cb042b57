using System.Text;
using Nido.Vmm.Api.Http;

namespace Nido.Vmm.Tests.Api;

public sealed class HttpParserTests
{
    private static HttpParser.Result Parse(string text, out HttpRequest? request, out int consumed, out bool expectsContinue) =>
        HttpParser.TryParse(Encoding.Latin1.GetBytes(text), HttpParser.MaxBodyBytes, out request, out consumed, out expectsContinue);

    [Fact]
    public void ParsesARequestWithABodyAndLeavesThePipelinedRest()
    {
        const string first = "PUT /machine-config HTTP/1.1\r\nHost: localhost\r\nContent-Length: 2\r\nContent-Type: application/json\r\n\r\n{}";
        Assert.Equal(HttpParser.Result.Complete, Parse(first + "GET / HTTP/1.1\r\n\r\n", out var r, out var consumed, out _));
        Assert.Equal("PUT", r!.Method);
        Assert.Equal("/machine-config", r.Path);
        Assert.Equal("{}", Encoding.ASCII.GetString(r.Body));
        Assert.Equal("localhost", r.Headers["host"]);
        Assert.Equal(first.Length, consumed);
        Assert.True(r.KeepAlive);
    }

    [Fact]
    public void WaitsForMoreBytesAndReportsExpectContinue()
    {
        Assert.Equal(HttpParser.Result.Incomplete, Parse("GET / HTTP/1.1\r\nHost: x\r\n", out _, out _, out var cont));
        Assert.False(cont);
        Assert.Equal(HttpParser.Result.Incomplete, Parse("PUT /x HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\nab", out _, out _, out cont));
        Assert.True(cont);
    }

    [Fact]
    public void AbsoluteFormQueryAndEscapesReduceToThePath()
    {
        Parse("GET http://localhost/drives/root%5Ffs?x=1 HTTP/1.0\r\n\r\n", out var r, out _, out _);
        Assert.Equal("/drives/root_fs", r!.Path);
        Assert.False(r.KeepAlive); // HTTP/1.0 closes by default.
    }

    [Theory]
    [InlineData("GET /\r\n\r\n", 400, "request line")]
    [InlineData("get / HTTP/1.1\r\n\r\n", 400, "request method")]
    [InlineData("GET / HTTP/2.0\r\n\r\n", 505, "HTTP version")]
    [InlineData("GET nopath HTTP/1.1\r\n\r\n", 400, "request target")]
    [InlineData("GET / HTTP/1.1\r\nNoColon\r\n\r\n", 400, "header line")]
    [InlineData("PUT / HTTP/1.1\r\nContent-Length: -1\r\n\r\n", 400, "Content-Length")]
    [InlineData("PUT / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n", 400, "Conflicting")]
    [InlineData("PUT / HTTP/1.1\r\nContent-Length: 99999999\r\n\r\n", 413, "51200")]
    [InlineData("PUT / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n", 501, "chunked")]
    public void MalformedRequestsAreRefusedWithAStatus(string text, int status, string fragment)
    {
        var e = Assert.Throws<HttpParseException>(() => Parse(text, out _, out _, out _));
        Assert.Equal(status, e.Status);
        Assert.Contains(fragment, e.Message);
    }

    [Fact]
    public void OversizedHeadersAreRefusedEvenBeforeTheyEnd()
    {
        var e = Assert.Throws<HttpParseException>(() => Parse("GET / HTTP/1.1\r\nX: " + new string('a', 9000), out _, out _, out _));
        Assert.Equal(431, e.Status);
    }

    [Fact]
    public void ResponsesCarryLengthAndConnection()
    {
        var text = Encoding.ASCII.GetString(new HttpResponse(200, "{}"u8.ToArray()).Serialize(keepAlive: true));
        Assert.StartsWith("HTTP/1.1 200 OK\r\n", text);
        Assert.Contains("Content-Length: 2\r\n", text);
        Assert.Contains("Connection: keep-alive\r\n", text);
        Assert.EndsWith("\r\n\r\n{}", text);
        Assert.StartsWith("HTTP/1.1 204 No Content\r\n", Encoding.ASCII.GetString(HttpResponse.NoContent.Serialize(false)));
    }
}
