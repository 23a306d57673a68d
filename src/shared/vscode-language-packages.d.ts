/**
 * Type entry points for the vscode-languageserver / -client / -protocol / -jsonrpc packages.
 * They publish their entry points only through package.json `exports`, which the project's
 * `moduleResolution: node10` does not read (esbuild, Node and tsx do, so only the type checker
 * needs this). Each declaration re-exports the file the package's `exports` names for the types.
 * A `paths` mapping in tsconfig would also be applied by tsx at run time, to `.d.ts` files.
 */
declare module 'vscode-jsonrpc' {
  export * from 'vscode-jsonrpc/lib/common/api';
}
declare module 'vscode-jsonrpc/node' {
  export * from 'vscode-jsonrpc/lib/node/main';
}
declare module 'vscode-languageserver-protocol' {
  export * from 'vscode-languageserver-protocol/lib/common/api';
}
declare module 'vscode-languageserver-protocol/node' {
  export * from 'vscode-languageserver-protocol/lib/node/main';
}
declare module 'vscode-languageserver' {
  export * from 'vscode-languageserver/lib/common/api';
}
declare module 'vscode-languageserver/node' {
  export * from 'vscode-languageserver/lib/node/main';
}
declare module 'vscode-languageclient' {
  export * from 'vscode-languageclient/lib/common/api';
}
declare module 'vscode-languageclient/node' {
  export * from 'vscode-languageclient/lib/node/main';
}
