using Platform.Directory.Search;
using Xunit;

namespace Platform.Directory.Tests.Unit;

public sealed class Formatting_object_guids
{
    [Fact]
    public void Shows_the_bytes_as_windows_does()
    {
        // objectGUID as stored: the first three fields little-endian, the rest in order (MS-DTYP GUID packet form).
        byte[] stored = [0x10, 0x32, 0x54, 0x76, 0x98, 0xBA, 0xDC, 0xFE, 0x01, 0x23, 0x45, 0x67, 0x89, 0xAB, 0xCD, 0xEF];

        Assert.Equal("76543210-ba98-fedc-0123-456789abcdef", ObjectGuid.Format(stored));
    }

    [Fact]
    public void Turns_a_guid_back_into_the_stored_bytes()
    {
        var guid = Guid.Parse("76543210-ba98-fedc-0123-456789abcdef");

        Assert.Equal("76543210-ba98-fedc-0123-456789abcdef", ObjectGuid.Format(ObjectGuid.ToBytes(guid)));
        Assert.Equal(0x10, ObjectGuid.ToBytes(guid)[0]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(15)]
    [InlineData(17)]
    public void Has_no_id_for_a_value_that_is_not_16_bytes(int length)
    {
        Assert.Null(ObjectGuid.Format(new byte[length]));
    }
}
