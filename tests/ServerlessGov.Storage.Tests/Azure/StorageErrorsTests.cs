using Azure;
using ServerlessGov.Storage.Azure;

namespace ServerlessGov.Storage.Tests.Azure;

/// <summary>The SDK's failures become the port's: Azure's error codes and statuses become the port's error kinds, whichever spelling the service uses.</summary>
public sealed class StorageErrorsTests
{
    [Theory]
    [InlineData(404, "ResourceNotFound", StorageErrorKind.NotFound)]
    [InlineData(404, "EntityNotFound", StorageErrorKind.NotFound)]
    [InlineData(404, "TableNotFound", StorageErrorKind.NotFound)]
    [InlineData(400, "PopReceiptMismatch", StorageErrorKind.NotFound)]
    [InlineData(409, "EntityAlreadyExists", StorageErrorKind.AlreadyExists)]
    [InlineData(409, "TableAlreadyExists", StorageErrorKind.AlreadyExists)]
    [InlineData(409, "TableBeingDeleted", StorageErrorKind.Other)]
    [InlineData(412, "UpdateConditionNotSatisfied", StorageErrorKind.PreconditionFailed)]
    [InlineData(413, "RequestBodyTooLarge", StorageErrorKind.TooLarge)]
    [InlineData(400, "PropertyValueTooLarge", StorageErrorKind.TooLarge)]
    [InlineData(400, "EntityTooLarge", StorageErrorKind.TooLarge)]
    [InlineData(503, "ServerBusy", StorageErrorKind.Throttled)]
    [InlineData(429, "Http429", StorageErrorKind.Throttled)]
    [InlineData(400, "InvalidInput", StorageErrorKind.InvalidInput)]
    [InlineData(500, "InternalError", StorageErrorKind.Other)]
    public void Classify_ServiceErrorCode_GivesThePortsKind(int status, string code, StorageErrorKind expected) =>
        Assert.Equal(expected, StorageErrors.Classify(status, code));

    [Fact]
    public void From_SdkFailure_KeepsStatusCodeAndTheServiceMessageOnly()
    {
        var failure = new RequestFailedException(409, "The specified entity already exists.\nRequestId:1\nTime:2026-12-07", "EntityAlreadyExists", null);

        var error = StorageErrors.From(failure);

        Assert.Equal((StorageErrorKind.AlreadyExists, 409, "EntityAlreadyExists"), (error.Kind, error.Status, error.ErrorCode));
        Assert.Equal("The specified entity already exists.", error.Message);
        Assert.Same(failure, error.InnerException);
    }
}
