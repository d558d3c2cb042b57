namespace Nido.Devices.Virtio;

/// <summary>Device ids, status bits and transport-level feature bits (virtio 1.2, sections 2.1, 5 and 6).</summary>
public static class VirtioConstants
{
    public const uint DeviceNet = 1, DeviceBlock = 2, DeviceConsole = 3, DeviceRng = 4;

    public const byte StatusAcknowledge = 1, StatusDriver = 2, StatusDriverOk = 4, StatusFeaturesOk = 8;
    public const byte StatusNeedsReset = 0x40, StatusFailed = 0x80;

    public const int FeatureIndirectDesc = 28, FeatureEventIdx = 29, FeatureVersion1 = 32, FeatureAccessPlatform = 33;

    public static ulong Bit(int feature) => 1UL << feature;
}
