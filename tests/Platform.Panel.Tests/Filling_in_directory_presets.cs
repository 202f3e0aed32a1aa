using Platform.Contracts;
using Platform.Panel.Backends;
using Platform.Panel.Pages.Admin.Directory;
using Xunit;

namespace Platform.Panel.Tests;

/// <summary>The directory form's presets and what it sends: only what differs from the chosen kind's defaults.</summary>
public sealed class Filling_in_directory_presets
{
    [Fact]
    public void Each_kind_fills_in_its_own_filter_and_attributes()
    {
        var zimbra = DirectoryForm.New().WithPreset("zimbra");
        var ad = DirectoryForm.New();

        Assert.Equal("(objectClass=zimbraAccount)", zimbra.UserFilter);
        Assert.Equal("activeStatus", zimbra.DisabledRule);
        Assert.Equal("zimbraMailAlias", zimbra.AliasAttributes);
        Assert.Equal("(&(objectCategory=person)(objectClass=user))", ad.UserFilter);
        Assert.Equal("sAMAccountName", ad.SearchAttribute);
        Assert.Equal("accountControlFlag", ad.DisabledRule);
    }

    [Fact]
    public void A_preset_as_it_is_sends_no_attribute_overrides()
    {
        var document = DirectoryForm.New().WithPreset("openLdap").ToDocument();

        Assert.Null(document.Attributes);
        Assert.Null(document.SearchAttribute);
        Assert.Equal("openLdap", document.Kind);
    }

    [Fact]
    public void Sends_only_what_the_admin_changed_and_never_a_blank_password()
    {
        var form = DirectoryForm.New().WithPreset("openLdap");
        form.UserFilter = "(objectClass=person)";
        form.DisabledRule = "accountControlFlag";
        form.DisabledAttribute = "userAccountControl";
        form.BindPassword = "";
        form.CaCertificatePem = "-----BEGIN CERTIFICATE-----\r\nAAAA\r\n-----END CERTIFICATE-----\r\n";

        var document = form.ToDocument();

        Assert.Equal("(objectClass=person)", document.Attributes!.UserFilter);
        Assert.Equal("accountControlFlag", document.Attributes.DisabledRule);
        Assert.Equal("userAccountControl", document.Attributes.DisabledAttribute);
        Assert.Null(document.Attributes.Mail);
        Assert.Null(document.Attributes.Aliases);
        Assert.Null(document.BindPassword);
        Assert.Equal("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----", document.CaCertificatePem);
    }

    [Fact]
    public void Saved_settings_come_back_as_they_were_saved_but_the_password()
    {
        var saved = new SavedDirectory
        {
            Kind = "activeDirectory", Host = "dc1.corp.example", Port = 636, Security = "ldaps", BaseDn = "dc=corp,dc=example",
            BindDn = "cn=reader,dc=corp,dc=example", ConnectTimeoutSeconds = 3, OperationTimeoutSeconds = 20, LoginSuffixes = ["corp.local"],
            Attributes = new DirectoryAttributeOverrides { Mail = "userPrincipalName", DisplayName = ["cn"] }, AutomaticSync = false,
            SyncIntervalMinutes = 30, DeletionThresholdPercent = 5,
        };
        var view = new DirectorySettingsView("corp.example", saved, HasBindPassword: true, Version: 4, null, null, [], null);

        var form = DirectoryForm.From(view);
        var document = form.ToDocument();

        Assert.Equal(4, form.Version);
        Assert.Null(form.BindPassword);
        Assert.Equal("userPrincipalName", form.MailAttribute);
        Assert.Equal("objectGUID", form.IdAttribute);
        Assert.Equal("userPrincipalName", document.Attributes!.Mail);
        Assert.Equal((null, null, null, null, null), (document.Attributes.Id, document.Attributes.Aliases, document.Attributes.DisabledRule,
            document.Attributes.ChangeTracking, document.Attributes.UserFilter));
        Assert.Equal(["cn"], document.Attributes.DisplayName!);
        Assert.Equal(["corp.local"], document.LoginSuffixes!);
        Assert.Equal((636, "ldaps", 3, 20, false, 30, 5), (document.Port, document.Security, document.ConnectTimeoutSeconds, document.OperationTimeoutSeconds,
            document.AutomaticSync, document.SyncIntervalMinutes, document.DeletionThresholdPercent));
        Assert.Null(document.BindPassword);
    }
}
