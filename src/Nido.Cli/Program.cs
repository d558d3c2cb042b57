return Nido.Cli.NidoApp.Run(args, Console.Out, Console.Error);
