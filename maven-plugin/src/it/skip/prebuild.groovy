dev.imagespec.maven.it.ItSupport.prepare(basedir, new File(itEnv))
return true
