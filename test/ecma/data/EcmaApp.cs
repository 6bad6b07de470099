// References EcmaLib and EcmaFacade: member references of every shape,
// attributes with every argument kind, exception handling, unusual locals.
// mcs -target:library -unsafe -debug- -r:old/EcmaLib.dll -r:old/EcmaFacade.dll -out:EcmaApp.dll EcmaApp.cs
// (old/: the versions build.sh makes first, from before Relocated moved)
using System;
using System.Runtime.CompilerServices;
using Ecma.Lib;

namespace Ecma.App
{
    [Info(true, 'x', -5, 200, -300, 60000, -70000, 4000000000, -9000000000, 18000000000000000000, 1.5f, 2.25, "hello",
        Name = "named", Tint = Color.Blue, Number = 7)]
    [Info(typeof(Widget), Color.Green, 42, new int[] { 1, 2, 3 }, new string[] { "a", null }, new Color[] { Color.Red },
        Anything = Color.Blue, Kind = typeof(Box<int>), Palette = null)]
    [Info(Big.Huge, Access.Read | Access.Write, null)]
    [Info(typeof(Widget.Inner.Deeper), Color.Red, "boxed string", null, null, new Color[0], Anything = new int[] { 7 })]
    public class Program
    {
        [RuntimeAsyncMethod]
        public static int AsyncMarked() { return 1; }

        [InlineAggressively]
        public static int InlineMarked() { return 2; }

        [RuntimeAsyncMethod, InlineAggressively]
        [MethodImpl(MethodImplOptions.NoInlining)]
        public static int Both() { return 3; }

        public static int Unmarked() { return 4; }

        public static string Greeting() { return "Grüße, \u03c0"; }

        public static int Uses()
        {
            var w = new Widget();
            int x = 0;
            int total = w.Overload(1) + w.Overload(1L) + w.Overload("s") + w.Overload(w) + w.Overload(ref x)
                + w.Overload(new int[1]) + w.Overload(new int[1, 1]) + w.Overload<double>(1.0) + w.Overload(new Box<int>());
            total += new Widget.Inner().Get() + Widget.Inner.Deeper.Depth();
            total += new Ecma.Moved.Relocated().Where();
            var b = new Box<string>();
            b.Item = "x";
            total += b.Get().Length + b.Convert<int>(5) + Box<int>.Make(3).Item;
            total += Widget.Sum(1, __arglist(2, 3L));
            Widget.Count++;
            w.Value = 5;
            total += new DerivedWidget().Overload(5);
            return total;
        }

        public static unsafe int Unsafe(int[] values)
        {
            fixed (int* p = values)
            {
                return new Widget().Overload(p) + *p;
            }
        }

        public static int TypedRef(int v)
        {
            TypedReference r = __makeref(v);
            return __refvalue(r, int);
        }

        static int Work(int v) { return v * 2; }

        public static int TryCatchFinally(int v)
        {
            try
            {
                return Work(v);
            }
            catch (InvalidOperationException)
            {
                return -1;
            }
            finally
            {
                Widget.Count++;
            }
        }

        public static int Filtered(int v)
        {
            try
            {
                return Work(v);
            }
            catch (Exception e) when (e.Message.Length > v)
            {
                return -2;
            }
        }

        // A try block longer than 255 bytes of IL needs a fat exception section.
        public static int LongTry(int v)
        {
            try
            {
                v = Work(v) + Work(v + 1) + Work(v + 2) + Work(v + 3) + Work(v + 4) + Work(v + 5) + Work(v + 6) + Work(v + 7);
                v = Work(v) + Work(v + 1) + Work(v + 2) + Work(v + 3) + Work(v + 4) + Work(v + 5) + Work(v + 6) + Work(v + 7);
                v = Work(v) + Work(v + 1) + Work(v + 2) + Work(v + 3) + Work(v + 4) + Work(v + 5) + Work(v + 6) + Work(v + 7);
                v = Work(v) + Work(v + 1) + Work(v + 2) + Work(v + 3) + Work(v + 4) + Work(v + 5) + Work(v + 6) + Work(v + 7);
                v = Work(v) + Work(v + 1) + Work(v + 2) + Work(v + 3) + Work(v + 4) + Work(v + 5) + Work(v + 6) + Work(v + 7);
                v = Work(v) + Work(v + 1) + Work(v + 2) + Work(v + 3) + Work(v + 4) + Work(v + 5) + Work(v + 6) + Work(v + 7);
                v = Work(v) + Work(v + 1) + Work(v + 2) + Work(v + 3) + Work(v + 4) + Work(v + 5) + Work(v + 6) + Work(v + 7);
                v = Work(v) + Work(v + 1) + Work(v + 2) + Work(v + 3) + Work(v + 4) + Work(v + 5) + Work(v + 6) + Work(v + 7);
            }
            catch (ArgumentException)
            {
                v = -3;
            }
            return v;
        }
    }
}
