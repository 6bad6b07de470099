// Forwards Ecma.Moved.Relocated to EcmaLib (an ExportedType forwarder row).
// mcs -target:library -debug- -r:EcmaLib.dll -out:EcmaFacade.dll EcmaFacade.cs
[assembly: System.Runtime.CompilerServices.TypeForwardedTo(typeof(Ecma.Moved.Relocated))]
