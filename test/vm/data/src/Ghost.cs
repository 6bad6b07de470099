// An assembly the tests deliberately do not ship: VmConsumer.dll references
// it, so loading anything that needs Ghost.Thing fails with a missing
// assembly.
namespace Ghost
{
    public class Thing
    {
        public int Value;
    }
}
