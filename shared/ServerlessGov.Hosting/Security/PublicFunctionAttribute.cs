namespace ServerlessGov.Hosting.Security;

/// <summary>
/// Anyone may call this HTTP <c>[Function]</c> method, without credentials: the explicit, greppable decision
/// <see cref="FunctionAuthorization.Public"/> is for a function declared in code (a bank's callback, an Event Grid
/// receiver that checks its own key). Its <c>[HttpTrigger]</c> is <c>AuthorizationLevel.Anonymous</c>; a method
/// without this attribute or <see cref="RequireRolesAttribute"/> is refused at start.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class PublicFunctionAttribute : Attribute;
