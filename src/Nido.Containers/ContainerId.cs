namespace Nido.Containers;

/// <summary>Container ids as runc accepts them: letters, digits, '_', '+', '-', '.', not "." or "..".</summary>
public static class ContainerId
{
    public static string Validate(string? id)
    {
        if (string.IsNullOrEmpty(id)) throw new ContainerException("container id cannot be empty");
        // A char loop rather than a Regex keeps the regex engine out of the native binary (size and startup).
        var valid = id is not ("." or "..") && id.Length <= 1024 && IsIdText(id);
        return valid ? id : throw new ContainerException($"invalid container id format: {id}");
    }

    private static bool IsIdText(string id)
    {
        foreach (var c in id)
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('_' or '+' or '-' or '.')) return false;
        return true;
    }
}
