using QRCoder;

namespace Platform.Panel.Pages.Account.TwoStep;

/// <summary>
/// A QR code as a PNG <c>data:</c> address, drawn on the server by QRCoder: an <c>&lt;img&gt;</c> the CSP allows
/// (<c>img-src 'self' data:</c>) with no script and no inline style.
/// </summary>
public static class QrImage
{
    public static string DataUri(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        return "data:image/png;base64," + Convert.ToBase64String(new PngByteQRCode(data).GetGraphic(6));
    }
}
