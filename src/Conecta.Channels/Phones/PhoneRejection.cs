namespace Conecta.Channels.Phones;

/// <summary>Why a typed number cannot be a contact's phone.</summary>
internal enum PhoneRejection
{
    Empty,
    /// <summary>No DDI: the number only makes sense read as a Brazilian national number.</summary>
    MissingCountryCode,
    UnknownCountryCode,
    /// <summary>No DDD: the digits after the DDI are as many as a local call dials.</summary>
    MissingAreaCode,
    InvalidAreaCode,
    TooShort,
    TooLong,
    InvalidNumber,
    /// <summary>A real number, but not one that can be a mobile (landline, toll-free, …).</summary>
    NotMobile,
}

internal static class PhoneRejectionMessages
{
    /// <summary>In pt-BR: the agents who typed the number read it; programs use the enum name.</summary>
    public static string For(PhoneRejection reason) => reason switch
    {
        PhoneRejection.Empty => "Informe um número de telefone.",
        PhoneRejection.MissingCountryCode => "Falta o DDI (código do país): comece com 55 para números do Brasil.",
        PhoneRejection.UnknownCountryCode => "DDI (código do país) desconhecido.",
        PhoneRejection.MissingAreaCode => "Falta o DDD (código de área).",
        PhoneRejection.InvalidAreaCode => "DDD inexistente.",
        PhoneRejection.TooShort => "Número curto demais: faltam dígitos.",
        PhoneRejection.TooLong => "Número longo demais: sobram dígitos.",
        PhoneRejection.InvalidNumber => "Número inválido.",
        PhoneRejection.NotMobile => "O número não é de celular; o WhatsApp precisa de um celular.",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, null),
    };
}
