// The first version of EcmaFacade, which still defined Relocated itself;
// EcmaApp.dll is compiled against it, then EcmaFacade.dll is replaced by a
// forwarder (EcmaFacade.cs). Only build.sh uses this file:
// mcs -target:library -debug- -out:old/EcmaFacade.dll EcmaFacadeOld.cs
namespace Ecma.Moved
{
    public class Relocated
    {
        public int Where() { return 0; }
    }
}
